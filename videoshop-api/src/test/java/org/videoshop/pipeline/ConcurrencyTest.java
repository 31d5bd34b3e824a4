package org.videoshop.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Video;
import org.videoshop.testing.AnalyticModel;
import org.videoshop.testing.Clips;

/** One editor shared by 8 threads gives exactly the frames the same edits give serially. */
class ConcurrencyTest {

    @Test
    void eightThreadsEditingDifferentClipsMatchSerialResults() throws Exception {
        try (AnalyticModel model = new AnalyticModel(4, 16, 16, 4, 2);
             VideoEditor editor = Videoshop.editor(model, VideoshopOptions.builder().steps(12).build())) {
            Color[] colours = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW, Color.CYAN, Color.MAGENTA,
                    Color.WHITE, Color.PINK};
            List<Video> clips = new ArrayList<>();
            List<Frame> edits = new ArrayList<>();
            List<float[]> serial = new ArrayList<>();
            for (int i = 0; i < colours.length; i++) {
                clips.add(Clips.video(Clips.movingDisc(4 + i % 3, 16, 16, colours[i])));
                edits.add(Clips.video(Clips.movingDisc(1, 16, 16, colours[(i + 3) % colours.length])).frame(0));
                serial.add(editor.edit(clips.get(i), edits.get(i)).video().data());
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (int round = 0; round < 3; round++) {
                    List<Future<float[]>> futures = new ArrayList<>();
                    for (int i = 0; i < colours.length; i++) {
                        int k = i;
                        futures.add(pool.submit(() -> editor.edit(clips.get(k), edits.get(k)).video().data()));
                    }
                    for (int i = 0; i < colours.length; i++) {
                        assertArrayEquals(serial.get(i), futures.get(i).get(), "clip " + i + " in round " + round);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
