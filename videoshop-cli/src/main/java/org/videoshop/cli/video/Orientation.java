package org.videoshop.cli.video;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a picture is meant to be shown: the EXIF orientation tag of JPEG and PNG files (1 = as stored ... 8), and a
 * video stream's display rotation in quarter turns. Images read by the command line are turned upright with it,
 * so that what the user sees in an image viewer is what gets edited. Stateless.
 */
public final class Orientation {

    /** EXIF's "as stored". */
    public static final int NORMAL = 1;

    private static final int TAG_ORIENTATION = 0x0112;

    private Orientation() {
    }

    /** Clockwise quarter turns (0..3) nearest to a clockwise rotation in degrees. */
    static int quarterTurns(double clockwiseDegrees) {
        if (!Double.isFinite(clockwiseDegrees)) {
            return 0;
        }
        return Math.floorMod((int) Math.round(clockwiseDegrees / 90.0), 4);
    }

    /** The image turned clockwise by {@code turns} quarter turns (itself when 0). */
    static BufferedImage rotate(BufferedImage src, int turns) {
        return switch (Math.floorMod(turns, 4)) {
            case 1 -> apply(src, 6);
            case 2 -> apply(src, 3);
            case 3 -> apply(src, 8);
            default -> src;
        };
    }

    /**
     * The image as EXIF orientation {@code orientation} says it is meant to be shown (a new image; the same one
     * for 1 or an unknown value).
     */
    public static BufferedImage apply(BufferedImage src, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        int[] in = src.getRGB(0, 0, w, h, null, 0, w);
        int[] out = new int[ow * oh];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                out[y * ow + x] = in[sy * w + sx];
            }
        }
        BufferedImage img = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, ow, oh, out, 0, ow);
        return img;
    }

    /** The EXIF orientation (1..8) of a JPEG or PNG file, or {@link #NORMAL} when it has none. */
    public static int of(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            in.mark(8);
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            if (b0 == 0xFF && b1 == 0xD8) {
                return jpeg(in);
            }
            in.reset();
            byte[] sig = new byte[8];
            in.readFully(sig);
            if ((sig[0] & 0xff) == 0x89 && sig[1] == 'P' && sig[2] == 'N' && sig[3] == 'G') {
                return png(in);
            }
            return NORMAL;
        } catch (EOFException | RuntimeException e) {
            return NORMAL; // truncated or odd metadata: the image reader reports real damage
        }
    }

    private static int jpeg(DataInputStream in) throws IOException {
        while (true) {
            int marker = in.readUnsignedByte();
            if (marker != 0xFF) {
                return NORMAL;
            }
            int type = in.readUnsignedByte();
            while (type == 0xFF) {
                type = in.readUnsignedByte();
            }
            if (type == 0xD9 || type == 0xDA) {
                return NORMAL; // end of image or start of scan: no EXIF before the pixels
            }
            int len = in.readUnsignedShort() - 2;
            if (len < 0) {
                return NORMAL;
            }
            byte[] seg = new byte[len];
            in.readFully(seg);
            if (type == 0xE1 && len > 14 && seg[0] == 'E' && seg[1] == 'x' && seg[2] == 'i' && seg[3] == 'f'
                    && seg[4] == 0 && seg[5] == 0) {
                return tiff(ByteBuffer.wrap(seg, 6, len - 6).slice());
            }
        }
    }

    private static int png(DataInputStream in) throws IOException {
        while (true) {
            int len = in.readInt();
            byte[] type = new byte[4];
            in.readFully(type);
            String t = new String(type, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (t.equals("IDAT") || t.equals("IEND") || len < 0) {
                return NORMAL; // PNG allows eXIf after IDAT, but writers put it before
            }
            byte[] data = new byte[len];
            in.readFully(data);
            in.readInt(); // CRC
            if (t.equals("eXIf")) {
                return tiff(ByteBuffer.wrap(data));
            }
        }
    }

    /** The orientation tag of a TIFF structure's first directory. */
    static int tiff(ByteBuffer b) {
        if (b.remaining() < 8) {
            return NORMAL;
        }
        if (b.get(0) == 'I' && b.get(1) == 'I') {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else if (b.get(0) == 'M' && b.get(1) == 'M') {
            b.order(ByteOrder.BIG_ENDIAN);
        } else {
            return NORMAL;
        }
        int ifd = b.getInt(4);
        if (ifd < 8 || ifd + 2 > b.limit()) {
            return NORMAL;
        }
        int entries = b.getShort(ifd) & 0xffff;
        for (int i = 0; i < entries; i++) {
            int e = ifd + 2 + 12 * i;
            if (e + 12 > b.limit()) {
                return NORMAL;
            }
            if ((b.getShort(e) & 0xffff) == TAG_ORIENTATION) {
                int v = b.getShort(e + 8) & 0xffff;
                return v >= 1 && v <= 8 ? v : NORMAL;
            }
        }
        return NORMAL;
    }
}
