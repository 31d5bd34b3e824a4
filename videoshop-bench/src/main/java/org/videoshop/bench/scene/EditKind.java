package org.videoshop.bench.scene;

/** The kinds of first-frame edit of the real-footage cases, with the names used in case folders and reports. */
public enum EditKind {
    /** One region of the background photograph (fixed in the scene) recoloured. */
    RECOLOUR_REGION("recolour-region"),
    /** One moving sprite recoloured. */
    RECOLOUR_OBJECT("recolour-object"),
    /** A new object pasted at a fixed place in the scene, in front of everything. */
    ADD("add"),
    /** One sprite removed, the background behind it revealed. */
    REMOVE("remove"),
    /** One moving sprite replaced by another object following the same path. */
    REPLACE("replace");

    private final String id;

    EditKind(String id) {
        this.id = id;
    }

    /** The name in case folders, case.json and reports. */
    public String id() {
        return id;
    }

    /** The kind named {@code id}. */
    public static EditKind of(String id) {
        for (EditKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("Expected an edit kind of recolour-region, recolour-object, add, remove,"
                + " replace but found " + id);
    }
}
