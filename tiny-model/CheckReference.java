import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Runs each reference input/output pair that {@code tiny-model/export.py --reference} wrote for a bundle through
 * ONNX Runtime and prints the largest absolute error per network; exits 1 when one exceeds {@code --atol} (default
 * 1e-4, as {@code ReferenceOutputsTest} allows). For a candidate bundle that is not (yet) on the classpath; the
 * bundled model's pairs are checked by that test in every build.
 *
 * <pre>
 * java -cp videoshop-bench/target/benchmarks.jar tiny-model/CheckReference.java BUNDLE_DIR REFERENCE_DIR [ATOL]
 * </pre>
 * (a single-file program: the benchmarks jar carries ONNX Runtime and Jackson; used by {@code candidate.sh}).
 */
public final class CheckReference {

    public static void main(String[] args) throws IOException, OrtException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("Usage: CheckReference BUNDLE_DIR REFERENCE_DIR [ATOL] but found " + args.length
                    + " arguments");
            System.exit(2);
        }
        Path bundle = Path.of(args[0]);
        Path refs = Path.of(args[1]);
        double atol = args.length == 3 ? Double.parseDouble(args[2]) : 1e-4;
        ObjectMapper om = new ObjectMapper();
        JsonNode networks = om.readTree(bundle.resolve("videoshop-model.json").toFile()).get("networks");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        boolean ok = true;
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = networks.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> net = it.next();
            Path pair = refs.resolve(net.getKey() + ".json");
            if (!Files.exists(pair)) {
                System.out.println(net.getKey() + ": no reference pair at " + pair);
                ok = false;
                continue;
            }
            double max = maxError(env, om, bundle.resolve(net.getValue().get("file").asText()), om.readTree(pair.toFile()));
            checked++;
            System.out.printf(Locale.ROOT, "%s: max abs error %.3g%s%n", net.getKey(), max,
                    max <= atol ? "" : " (over " + atol + ")");
            ok &= max <= atol;
        }
        System.out.println(ok ? "reference pairs OK (" + checked + " networks)" : "reference pairs FAILED");
        System.exit(ok ? 0 : 1);
    }

    private static double maxError(OrtEnvironment env, ObjectMapper om, Path onnx, JsonNode pair) throws OrtException {
        Map<String, OnnxTensor> in = new HashMap<>();
        try (OrtSession s = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            for (Iterator<Map.Entry<String, JsonNode>> it = pair.get("inputs").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                long[] shape = om.convertValue(f.getValue().get("shape"), long[].class);
                if (f.getValue().get("dtype").asText().equals("int64")) {
                    long[] d = om.convertValue(f.getValue().get("data"), long[].class);
                    in.put(f.getKey(), OnnxTensor.createTensor(env, LongBuffer.wrap(d), shape));
                } else {
                    float[] d = om.convertValue(f.getValue().get("data"), float[].class);
                    in.put(f.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(d), shape));
                }
            }
            try (OrtSession.Result r = s.run(in)) {
                float[] want = om.convertValue(pair.get("outputs").fields().next().getValue().get("data"),
                        float[].class);
                FloatBuffer got = ((OnnxTensor) r.get(0)).getFloatBuffer();
                double max = 0;
                for (int i = 0; i < want.length; i++) {
                    max = Math.max(max, Math.abs(got.get(i) - want[i]));
                }
                return max;
            }
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }
}
