package org.videoshop.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.videoshop.model.VideoshopModel;

/** Opens a model given as a built-in name ({@code tiny}) or a bundle folder, as the tools' {@code --model} does. */
public final class Models {
    private Models() {
    }

    /** Opens {@code nameOrPath}; a existing folder is opened as a bundle, anything else as a built-in name. */
    public static VideoshopModel open(String nameOrPath) {
        Path p = Path.of(nameOrPath);
        return Files.isDirectory(p) ? VideoshopModel.open(p) : VideoshopModel.open(nameOrPath);
    }
}
