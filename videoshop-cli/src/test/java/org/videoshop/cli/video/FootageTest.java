package org.videoshop.cli.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.cli.TestClips;

/**
 * What a user's footage keeps through the streaming readers and writers, read back with JavaCV's own grabber
 * and ImageIO: audio, variable frame times and duration, GIF delays, odd sizes, EXIF orientation. Test clips are
 * made on the fly with JavaCV's recorder (small sizes, few frames).
 */
class FootageTest {

    @TempDir
    Path dir;

    /** Variable frame times in microseconds (multiples of 1/30 s) and the audio length of the clip made below. */
    static final long[] VFR_MICROS = {0, 33_333, 100_000, 133_333, 266_667, 300_000, 500_000, 533_333};

    /** An MP4 (H.264 or MPEG-4 + AAC) of 8 frames of 64x48 at variable times, with a 440 Hz tone. */
    static Path vfrClipWithAudio(Path dir) throws IOException {
        Path file = dir.resolve("vfr_audio.mp4");
        List<BufferedImage> frames = TestClips.movingDisc(VFR_MICROS.length, 64, 48);
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), 64, 48, 1);
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            r.setFormat("mp4");
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setFrameRate(30);
            r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            r.setSampleRate(16000);
            r.setAudioChannels(1);
            r.setAudioBitrate(64000);
            r.start();
            for (int i = 0; i < frames.size(); i++) {
                r.setTimestamp(VFR_MICROS[i]);
                r.record(conv.convert(Frames.copy(frames.get(i), BufferedImage.TYPE_3BYTE_BGR)),
                        avutil.AV_PIX_FMT_BGR24);
            }
            short[] tone = new short[16000 * 6 / 10]; // 0.6 s
            for (int i = 0; i < tone.length; i++) {
                tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
            }
            r.recordSamples(16000, 1, ShortBuffer.wrap(tone));
            r.stop();
        }
        return file;
    }

    /** Frame times (µs) and whether there is audio, as JavaCV's grabber decodes the file. */
    record Decoded(List<Long> micros, int width, int height, boolean audio, String audioCodec, long lengthMicros) {
    }

    static Decoded decode(Path file) throws IOException {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            List<Long> times = new ArrayList<>();
            Frame f;
            while ((f = g.grabImage()) != null) {
                times.add(f.timestamp);
            }
            Decoded d = new Decoded(times, g.getImageWidth(), g.getImageHeight(), g.hasAudio(),
                    g.hasAudio() ? g.getAudioCodecName() : "", g.getLengthInTime());
            g.stop();
            return d;
        }
    }

    /** Copies every frame of {@code in} into {@code out} with the input's timing and audio (an identity edit). */
    static VideoIO.Written copy(Path in, Path out) throws IOException {
        try (ClipSource src = VideoIO.open(in, 0, 7);
             ClipSink sink = VideoIO.create(out, src.width(), src.height(), src.timing(), in)) {
            for (int i = 0; i < src.frameCount(); i++) {
                sink.write(i, src.read());
            }
            return sink.finish();
        }
    }

    @Test
    void mp4KeepsAudioVariableFrameTimesAndDuration() throws IOException {
        Path in = vfrClipWithAudio(dir);
        Decoded before = decode(in);
        assertEquals(VFR_MICROS.length, before.micros().size(), "the recorder wrote every frame");
        try (ClipSource src = VideoIO.open(in, 0, 7)) {
            assertEquals(VFR_MICROS.length, src.frameCount(), "counted before decoding");
            assertTrue(!src.timing().constantRate(), src.timing().toString());
        }
        for (String name : new String[] {"out.mp4", "out.mkv"}) {
            Path out = dir.resolve(name);
            VideoIO.Written w = copy(in, out);
            Decoded after = decode(out);
            assertEquals(before.micros().size(), after.micros().size(), name);
            for (int i = 0; i < before.micros().size(); i++) {
                assertEquals(before.micros().get(i) - before.micros().get(0),
                        after.micros().get(i) - after.micros().get(0), 1500, name + " frame " + i + " time");
            }
            assertTrue(after.audio(), name + " has the audio: " + w);
            assertEquals("aac", after.audioCodec(), name);
            assertTrue(w.audio().contains("copied"), w.toString());
            assertEquals(before.lengthMicros() / 1e6, after.lengthMicros() / 1e6, 0.05, name + " duration");
            assertEquals(64, after.width());
            assertEquals(48, after.height());
        }
    }

    @Test
    void fewerFramesCutTheAudioWhereTheVideoEnds() throws IOException {
        Path in = vfrClipWithAudio(dir);
        Path out = dir.resolve("first4.mp4");
        try (ClipSource src = VideoIO.open(in, 4, 7);
             ClipSink sink = VideoIO.create(out, src.width(), src.height(), src.timing(), in)) {
            assertEquals(4, src.frameCount());
            for (int i = 0; i < 4; i++) {
                sink.write(i, src.read());
            }
            sink.finish();
        }
        Decoded d = decode(out);
        assertEquals(4, d.micros().size());
        assertTrue(d.audio(), "audio kept");
        // The 4th frame ends at 0.267 s; the audio stops with the packet that starts before then (64 ms packets).
        assertTrue(d.lengthMicros() < 350_000, "duration " + d.lengthMicros() + " us, not the source's 0.6 s");
    }

    @Test
    void gifKeepsItsFrameDelaysAndAnMp4MadeFromItItsDuration() throws IOException {
        int[] delays = {10, 50, 20, 80, 12};
        Path in = dir.resolve("delays.gif");
        writeGif(TestClips.movingDisc(delays.length, 40, 30), delays, in);
        Path out = dir.resolve("out.gif");
        copy(in, out);
        assertEquals(List.of(10, 50, 20, 80, 12), gifDelays(out));
        Path mp4 = dir.resolve("from_gif.mp4");
        copy(in, mp4);
        Decoded d = decode(mp4);
        assertEquals(delays.length, d.micros().size());
        long t = 0;
        for (int i = 0; i < delays.length; i++) {
            assertEquals(t, d.micros().get(i) - d.micros().get(0), 1500, "frame " + i);
            t += delays[i] * 10_000L;
        }
        assertEquals(1.72, d.lengthMicros() / 1e6, 0.05, "duration = sum of the delays");
    }

    @Test
    void oddSizesComeBackAtTheirOwnSizeInEveryVideoContainer() throws IOException {
        Path in = dir.resolve("odd_frames");
        VideoIO.write(Clip.of(TestClips.movingDisc(3, 641, 359)), in, 7);
        for (String name : new String[] {"odd.mp4", "odd.mkv", "odd.webm", "odd.avi"}) {
            VideoIO.Written w = copy(in, dir.resolve(name));
            assertEquals(641, w.width(), w.toString());
            Decoded d = decode(dir.resolve(name));
            assertEquals(641, d.width(), name + " " + w.codec());
            assertEquals(359, d.height(), name + " " + w.codec());
            assertEquals(3, d.micros().size(), name);
        }
    }

    @Test
    void aPhoneVideosDisplayRotationIsApplied() throws IOException {
        Path file = dir.resolve("portrait.mp4");
        BufferedImage stored = TestClips.frame(0, 1, 48, 32, Color.RED);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                stored.setRGB(x, y, 0xffffff); // white top-left corner as stored
            }
        }
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), 48, 32, 0);
             Java2DFrameConverter conv = new Java2DFrameConverter();
             org.bytedeco.javacpp.IntPointer matrix = new org.bytedeco.javacpp.IntPointer(9)) {
            r.setFormat("mp4");
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setFrameRate(10);
            avutil.av_display_rotation_set(matrix, -90); // a quarter turn, as phones record portrait video
            java.nio.ByteBuffer side = java.nio.ByteBuffer.allocateDirect(36).order(java.nio.ByteOrder.nativeOrder());
            for (int i = 0; i < 9; i++) {
                side.putInt(matrix.get(i));
            }
            side.flip();
            r.setVideoSideData("Display Matrix", side);
            r.start();
            for (int i = 0; i < 3; i++) {
                r.record(conv.convert(Frames.copy(stored, BufferedImage.TYPE_3BYTE_BGR)), avutil.AV_PIX_FMT_BGR24);
            }
            r.stop();
        }
        double ccw;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            ccw = g.getDisplayRotation(); // as FFmpeg reads the matrix back (its own autorotate uses the same)
            g.stop();
        }
        assertEquals(90, Math.abs(ccw), 1, "a quarter turn in the file");
        try (ClipSource src = VideoIO.open(file, 0, 7)) {
            assertEquals(32, src.width(), "upright: a portrait frame");
            assertEquals(48, src.height());
            BufferedImage f = src.read();
            // The stored top-left corner, turned as the matrix says: counter-clockwise to the bottom left,
            // clockwise to the top right.
            int p = ccw > 0 ? f.getRGB(2, f.getHeight() - 3) : f.getRGB(f.getWidth() - 3, 2);
            p &= 0xffffff;
            assertTrue(((p >> 16) & 0xff) > 200 && ((p >> 8) & 0xff) > 200 && (p & 0xff) > 200,
                    Integer.toHexString(p) + " (matrix: " + ccw + " degrees counter-clockwise)");
        }
    }

    @Test
    void exifOrientationTurnsJpegAndPngImagesUpright() throws IOException {
        BufferedImage stored = TestClips.frame(0, 1, 40, 24, Color.RED);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                stored.setRGB(x, y, 0xffffff); // a white top-left corner as stored
            }
        }
        for (String format : new String[] {"jpeg", "png"}) {
            for (int orientation : new int[] {1, 3, 6, 8}) {
                Path f = dir.resolve("o" + orientation + "." + format);
                Files.write(f, withExif(stored, format, orientation));
                assertEquals(orientation, Orientation.of(f), format);
                BufferedImage shown = org.videoshop.cli.video.PngFolder.readImage(f);
                boolean swap = orientation >= 5;
                assertEquals(swap ? 24 : 40, shown.getWidth(), format + " " + orientation);
                assertEquals(swap ? 40 : 24, shown.getHeight(), format + " " + orientation);
                // Where the stored top-left corner is shown: 1 top-left, 3 bottom-right, 6 top-right, 8 bottom-left.
                int x = orientation == 3 || orientation == 6 ? shown.getWidth() - 3 : 2;
                int y = orientation == 3 || orientation == 8 ? shown.getHeight() - 3 : 2;
                int p = shown.getRGB(x, y) & 0xffffff;
                assertTrue(((p >> 16) & 0xff) > 220 && ((p >> 8) & 0xff) > 220 && (p & 0xff) > 220,
                        format + " orientation " + orientation + " corner is " + Integer.toHexString(p));
            }
        }
    }

    /** The image encoded as JPEG or PNG with an EXIF orientation tag (APP1 segment / eXIf chunk). */
    static byte[] withExif(BufferedImage img, String format, int orientation) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(img, format, plain);
        byte[] b = plain.toByteArray();
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
                0, 0, 0, 0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (format.equals("jpeg")) {
            out.write(b, 0, 2); // SOI
            int len = 2 + 6 + tiff.length;
            out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (len >> 8), (byte) len, 'E', 'x', 'i', 'f', 0, 0});
            out.write(tiff);
            out.write(b, 2, b.length - 2);
        } else {
            int ihdrEnd = 8 + 4 + 4 + 13 + 4; // signature, IHDR length, type, data, CRC
            out.write(b, 0, ihdrEnd);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            byte[] type = {'e', 'X', 'I', 'f'};
            crc.update(type);
            crc.update(tiff);
            out.write(java.nio.ByteBuffer.allocate(4).putInt(tiff.length).array());
            out.write(type);
            out.write(tiff);
            out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
            out.write(b, ihdrEnd, b.length - ihdrEnd);
        }
        return out.toByteArray();
    }

    /** An animated GIF with the given delays (hundredths), written by ImageIO directly. */
    static void writeGif(List<BufferedImage> frames, int[] delays, Path file) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            w.setOutput(out);
            w.prepareWriteSequence(null);
            for (int i = 0; i < frames.size(); i++) {
                IIOMetadata meta = w.getDefaultImageMetadata(
                        ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_INT_RGB), null);
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(GifSource.IMAGE_FORMAT);
                IIOMetadataNode gce = new IIOMetadataNode("GraphicControlExtension");
                gce.setAttribute("disposalMethod", "none");
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", "FALSE");
                gce.setAttribute("delayTime", Integer.toString(delays[i]));
                gce.setAttribute("transparentColorIndex", "0");
                root.appendChild(gce);
                meta.setFromTree(GifSource.IMAGE_FORMAT, root);
                w.writeToSequence(new IIOImage(frames.get(i), null, meta), null);
            }
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
    }

    /** Each frame's delay, as ImageIO reads the file. */
    static List<Integer> gifDelays(Path file) throws IOException {
        var r = ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = ImageIO.createImageInputStream(file.toFile())) {
            r.setInput(in, false);
            int n = r.getNumImages(true);
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                IIOMetadataNode root = (IIOMetadataNode) r.getImageMetadata(i).getAsTree(GifSource.IMAGE_FORMAT);
                IIOMetadataNode gce = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
                out.add(Integer.parseInt(gce.getAttribute("delayTime")));
            }
            return out;
        } finally {
            r.dispose();
        }
    }

}
