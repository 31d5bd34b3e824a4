'use strict';

/*
 * The first-frame editor's pixel arithmetic, on canvases and RGBA arrays at the frame's size: new canvases, whether a
 * layer has any painted pixel, the hue / brightness shift of a selection, and a selection's outline. No state.
 */
const Pixels = {
  /** A new transparent canvas of w x h pixels. */
  canvas(w, h) {
    const c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    return c;
  },

  /** Whether any pixel of canvas c (w x h; null: none) is not fully transparent. */
  anyAlpha(c, w, h) {
    if (!c) {
      return false;
    }
    const d = c.getContext('2d').getImageData(0, 0, w, h).data;
    for (let i = 3; i < d.length; i += 4) {
      if (d[i] > 0) {
        return true;
      }
    }
    return false;
  },

  /**
   * Shifts the hue (degrees) and brightness (percent) of the RGBA pixels d in place, each weighted by the alpha of
   * the same pixel of sel (an RGBA array of the same size; 0: unchanged).
   */
  recolour(d, sel, hueDegrees, brightnessPercent) {
    for (let i = 0; i < d.length; i += 4) {
      const a = sel[i + 3] / 255;
      if (a === 0) {
        continue;
      }
      const [h, s, v] = Pixels.toHsv(d[i], d[i + 1], d[i + 2]);
      const v2 = Math.max(0, Math.min(1, v * (1 + brightnessPercent / 100)));
      const [r, g, b] = Pixels.fromHsv((h + hueDegrees / 360 + 1) % 1, s, v2);
      d[i] = Math.round(d[i] * (1 - a) + r * a);
      d[i + 1] = Math.round(d[i + 1] * (1 - a) + g * a);
      d[i + 2] = Math.round(d[i + 2] * (1 - a) + b * a);
    }
  },

  /** [h, s, v], each in [0, 1], of an RGB colour of 0-255 channels. */
  toHsv(r, g, b) {
    r /= 255; g /= 255; b /= 255;
    const max = Math.max(r, g, b), min = Math.min(r, g, b), c = max - min;
    let h = 0;
    if (c > 0) {
      if (max === r) h = ((g - b) / c + 6) % 6;
      else if (max === g) h = (b - r) / c + 2;
      else h = (r - g) / c + 4;
    }
    return [h / 6, max === 0 ? 0 : c / max, max];
  },

  /** [r, g, b] in 0-255 (not rounded) of a colour of hue, saturation and value in [0, 1]. */
  fromHsv(h, s, v) {
    const f = (n) => {
      const k = (n + h * 6) % 6;
      return v - v * s * Math.max(0, Math.min(k, 4 - k, 1));
    };
    return [f(5) * 255, f(3) * 255, f(1) * 255];
  },

  /**
   * A new canvas (w x h) with the outline of the selection canvas (its pixels over half opaque that touch one that
   * is not), dashed cyan and black.
   */
  outline(selection, w, h) {
    const a = selection.getContext('2d').getImageData(0, 0, w, h).data;
    const edges = Pixels.canvas(w, h);
    const g = edges.getContext('2d');
    const out = g.createImageData(w, h);
    const inside = (x, y) => x >= 0 && y >= 0 && x < w && y < h && a[4 * (y * w + x) + 3] > 127;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (inside(x, y) && !(inside(x - 1, y) && inside(x + 1, y) && inside(x, y - 1) && inside(x, y + 1))) {
          const i = 4 * (y * w + x);
          const dash = ((x + y) >> 1) % 2 === 0;
          out.data[i] = dash ? 0 : 20;
          out.data[i + 1] = dash ? 229 : 20;
          out.data[i + 2] = dash ? 255 : 20;
          out.data[i + 3] = 255;
        }
      }
    }
    g.putImageData(out, 0, 0);
    return edges;
  },
};

window.Pixels = Pixels;
