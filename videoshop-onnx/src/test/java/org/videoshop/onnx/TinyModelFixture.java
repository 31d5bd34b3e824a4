package org.videoshop.onnx;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Video;
import org.videoshop.testing.Clips;

/**
 * The bundled tiny model opened once per test class (and closed after it), with the moving-disc test clip at the
 * model's native size and its first frame with the disc recoloured: the edit the tests of the model's
 * recommendations run.
 */
abstract class TinyModelFixture {

    static VideoshopModel tiny;
    static Video source;
    static Frame edited;

    @BeforeAll
    static void openTiny() {
        tiny = VideoshopModel.open("tiny");
        ModelSpec s = tiny.spec();
        source = Clips.discClip(s.nativeFrames(), s.height(), s.width());
        edited = Clips.recolouredFirst(source);
    }

    @AfterAll
    static void closeTiny() {
        tiny.close();
    }
}
