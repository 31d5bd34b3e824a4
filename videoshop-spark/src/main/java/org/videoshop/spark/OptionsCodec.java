package org.videoshop.spark;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.videoshop.FrameSize;
import org.videoshop.VideoshopOptions;

/**
 * {@link VideoshopOptions} as a map of its record components (name to a String, Boolean, number or null; enums by
 * name, sizes as {@code WxH}) and back
 * through its canonical constructor, so every setting travels to executors and into provenance exactly, whatever
 * components the record gains.
 */
final class OptionsCodec {

    private OptionsCodec() {
    }

    /** Every component of {@code options}, in declaration order; enums as their names. */
    static LinkedHashMap<String, Object> toMap(VideoshopOptions options) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        for (RecordComponent c : VideoshopOptions.class.getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(options);
                map.put(c.getName(), v instanceof Enum<?> || v instanceof FrameSize ? v.toString() : v);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Expected to read VideoshopOptions." + c.getName() + " but failed", e);
            }
        }
        return map;
    }

    /** The options of a map made by {@link #toMap} (numbers may have been widened, e.g. by JSON). */
    static VideoshopOptions fromMap(Map<String, ?> map) {
        RecordComponent[] components = VideoshopOptions.class.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            if (!map.containsKey(c.getName())) {
                throw new IllegalArgumentException("Expected option " + c.getName() + " in " + map.keySet()
                        + " but found none");
            }
            args[i] = convert(c.getName(), c.getType(), map.get(c.getName()));
        }
        try {
            Constructor<VideoshopOptions> ctor = VideoshopOptions.class.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalStateException("Expected to build VideoshopOptions but failed: " + e.getCause(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Expected VideoshopOptions' canonical constructor "
                    + Arrays.toString(types) + " but found none", e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }

    private static Object convert(String name, Class<?> type, Object v) {
        if (v == null) {
            if (type.isPrimitive()) {
                throw new IllegalArgumentException("Expected a value for option " + name + " but found null");
            }
            return null;
        }
        if (type == double.class || type == Double.class) {
            return ((Number) v).doubleValue();
        }
        if (type == int.class || type == Integer.class) {
            return ((Number) v).intValue();
        }
        if (type == long.class || type == Long.class) {
            return ((Number) v).longValue();
        }
        if (type == boolean.class || type == Boolean.class) {
            return (Boolean) v;
        }
        if (type.isEnum()) {
            return enumValue(type, v.toString());
        }
        if (type == FrameSize.class) {
            return FrameSize.parse(v.toString());
        }
        if (type == String.class) {
            return v.toString();
        }
        throw new IllegalStateException("Expected option " + name + " of a known type but found " + type);
    }
}
