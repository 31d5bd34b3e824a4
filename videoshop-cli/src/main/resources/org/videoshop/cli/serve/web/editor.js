'use strict';

/*
 * The first-frame editor: a working copy of frame 0, a mask and a recolour selection, each a canvas at the
 * frame's own size, shown enlarged on one view canvas. Tools: brush, eraser (restores the original pixels; on the
 * mask it removes mask), selection by brush or lasso with a hue / brightness shift, pasting an image at a
 * position and scale; undo and redo of every change.
 */
class FrameEditor {
  /** Length in CSS pixels of the view's longer side. */
  static DISPLAY = 320;

  constructor(view, onChange) {
    this.view = view;
    this.onChange = onChange || (() => {});
    this.tool = 'brush';
    this.target = 'image';
    this.colour = '#33ccff';
    this.size = 4;
    this.showMask = true;
    this.undoStack = [];
    this.redoStack = [];
    this.paste = null;
    this.drawing = false;
    this.lasso = [];
    view.addEventListener('pointerdown', e => this.down(e));
    view.addEventListener('pointermove', e => this.move(e));
    view.addEventListener('pointerup', e => this.up(e));
    view.addEventListener('pointerleave', e => this.up(e));
  }

  /** Starts editing a new frame (an Image already loaded). */
  load(image) {
    const w = image.naturalWidth, h = image.naturalHeight;
    this.width = w;
    this.height = h;
    this.original = FrameEditor.canvas(w, h);
    this.original.getContext('2d').drawImage(image, 0, 0);
    this.image = FrameEditor.canvas(w, h);
    this.image.getContext('2d').drawImage(image, 0, 0);
    this.mask = FrameEditor.canvas(w, h);
    this.selection = FrameEditor.canvas(w, h);
    this.scratch = FrameEditor.canvas(w, h);
    this.undoStack = [];
    this.redoStack = [];
    this.paste = null;
    this.view.width = w;
    this.view.height = h;
    const cssScale = FrameEditor.DISPLAY / Math.max(w, h); // shown with sharp pixels, whatever the frame's size
    this.view.style.width = Math.round(w * cssScale) + 'px';
    this.view.style.height = Math.round(h * cssScale) + 'px';
    this.edges = null;
    this.render();
    this.onChange();
  }

  static canvas(w, h) {
    const c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    return c;
  }

  /** The pixel under a pointer event, in frame coordinates. */
  point(e) {
    const r = this.view.getBoundingClientRect();
    return {x: (e.clientX - r.left) * this.width / r.width, y: (e.clientY - r.top) * this.height / r.height};
  }

  snapshot() {
    const whole = c => c.getContext('2d').getImageData(0, 0, this.width, this.height);
    return {image: whole(this.image), mask: whole(this.mask)};
  }

  restore(s) {
    this.image.getContext('2d').putImageData(s.image, 0, 0);
    this.mask.getContext('2d').putImageData(s.mask, 0, 0);
  }

  /** Remembers the state before a change, for undo. */
  remember() {
    this.undoStack.push(this.snapshot());
    if (this.undoStack.length > 50) {
      this.undoStack.shift();
    }
    this.redoStack = [];
  }

  undo() {
    if (this.undoStack.length) {
      this.redoStack.push(this.snapshot());
      this.restore(this.undoStack.pop());
      this.render();
      this.onChange();
    }
  }

  redo() {
    if (this.redoStack.length) {
      this.undoStack.push(this.snapshot());
      this.restore(this.redoStack.pop());
      this.render();
      this.onChange();
    }
  }

  down(e) {
    if (!this.image || e.button > 0) {
      return;
    }
    const p = this.point(e);
    if (this.tool === 'paste') {
      if (this.paste) {
        this.paste.x = Math.round(p.x - this.paste.img.naturalWidth * this.paste.scale / 2);
        this.paste.y = Math.round(p.y - this.paste.img.naturalHeight * this.paste.scale / 2);
        this.render();
        this.onChange();
      }
      return;
    }
    this.view.setPointerCapture?.(e.pointerId);
    this.drawing = true;
    this.last = p;
    if (this.tool === 'select-lasso') {
      this.lasso = [p];
    } else {
      if (this.tool === 'brush' || this.tool === 'eraser') {
        this.remember();
      }
      this.stroke(p, p);
    }
    this.render();
  }

  move(e) {
    if (!this.drawing) {
      return;
    }
    const p = this.point(e);
    if (this.tool === 'select-lasso') {
      this.lasso.push(p);
    } else {
      this.stroke(this.last, p);
    }
    this.last = p;
    this.render();
  }

  up() {
    if (!this.drawing) {
      return;
    }
    this.drawing = false;
    if (this.tool === 'select-lasso' && this.lasso.length > 2) {
      const g = this.selection.getContext('2d');
      g.fillStyle = '#fff';
      g.beginPath();
      this.lasso.forEach((p, i) => (i ? g.lineTo(p.x, p.y) : g.moveTo(p.x, p.y)));
      g.closePath();
      g.fill();
      this.edges = null;
    }
    this.lasso = [];
    this.render();
    this.onChange();
  }

  /** One segment of a stroke with the current tool. */
  stroke(a, b) {
    const line = (g, style) => {
      g.lineCap = 'round';
      g.lineJoin = 'round';
      g.lineWidth = this.size;
      g.strokeStyle = style;
      g.beginPath();
      g.moveTo(a.x, a.y);
      g.lineTo(b.x + 0.01, b.y);
      g.stroke();
    };
    if (this.tool === 'select-brush') {
      line(this.selection.getContext('2d'), '#fff');
      this.edges = null;
      return;
    }
    const onMask = this.target === 'mask';
    if (this.tool === 'brush') {
      line((onMask ? this.mask : this.image).getContext('2d'), onMask ? '#fff' : this.colour);
    } else if (this.tool === 'eraser') {
      if (onMask) {
        const g = this.mask.getContext('2d');
        g.save();
        g.globalCompositeOperation = 'destination-out';
        line(g, '#000');
        g.restore();
      } else {
        // the original pixels under the stroke: the stroke, then the original drawn "source-in"
        const s = this.scratch.getContext('2d');
        s.clearRect(0, 0, this.width, this.height);
        line(s, '#000');
        s.save();
        s.globalCompositeOperation = 'source-in';
        s.drawImage(this.original, 0, 0);
        s.restore();
        this.image.getContext('2d').drawImage(this.scratch, 0, 0);
      }
    }
  }

  hasSelection() {
    return FrameEditor.anyAlpha(this.selection, this.width, this.height);
  }

  hasMask() {
    return FrameEditor.anyAlpha(this.mask, this.width, this.height);
  }

  static anyAlpha(c, w, h) {
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
  }

  clearSelection() {
    this.selection.getContext('2d').clearRect(0, 0, this.width, this.height);
    this.edges = null;
    this.render();
    this.onChange();
  }

  clearMask() {
    if (this.hasMask()) {
      this.remember();
      this.mask.getContext('2d').clearRect(0, 0, this.width, this.height);
      this.render();
      this.onChange();
    }
  }

  /** Shifts the hue (degrees) and brightness (percent) of the selected pixels, weighted by the selection. */
  recolour(hueDegrees, brightnessPercent) {
    if (!this.hasSelection()) {
      return false;
    }
    this.remember();
    const g = this.image.getContext('2d');
    const img = g.getImageData(0, 0, this.width, this.height);
    const sel = this.selection.getContext('2d').getImageData(0, 0, this.width, this.height).data;
    const d = img.data;
    for (let i = 0; i < d.length; i += 4) {
      const a = sel[i + 3] / 255;
      if (a === 0) {
        continue;
      }
      const [h, s, v] = FrameEditor.toHsv(d[i], d[i + 1], d[i + 2]);
      const v2 = Math.max(0, Math.min(1, v * (1 + brightnessPercent / 100)));
      const [r, gg, b] = FrameEditor.fromHsv((h + hueDegrees / 360 + 1) % 1, s, v2);
      d[i] = Math.round(d[i] * (1 - a) + r * a);
      d[i + 1] = Math.round(d[i + 1] * (1 - a) + gg * a);
      d[i + 2] = Math.round(d[i + 2] * (1 - a) + b * a);
    }
    g.putImageData(img, 0, 0);
    this.render();
    this.onChange();
    return true;
  }

  static toHsv(r, g, b) {
    r /= 255; g /= 255; b /= 255;
    const max = Math.max(r, g, b), min = Math.min(r, g, b), c = max - min;
    let h = 0;
    if (c > 0) {
      if (max === r) h = ((g - b) / c + 6) % 6;
      else if (max === g) h = (b - r) / c + 2;
      else h = (r - g) / c + 4;
    }
    return [h / 6, max === 0 ? 0 : c / max, max];
  }

  static fromHsv(h, s, v) {
    const f = (n) => {
      const k = (n + h * 6) % 6;
      return v - v * s * Math.max(0, Math.min(k, 4 - k, 1));
    };
    return [f(5) * 255, f(3) * 255, f(1) * 255];
  }

  /** Starts placing an image (an Image already loaded) in the middle of the frame. */
  startPaste(img) {
    const scale = Math.min(1, this.width / img.naturalWidth, this.height / img.naturalHeight);
    this.paste = {img, scale,
      x: Math.round((this.width - img.naturalWidth * scale) / 2),
      y: Math.round((this.height - img.naturalHeight * scale) / 2)};
    this.render();
    this.onChange();
  }

  movePaste(x, y, scale) {
    if (this.paste) {
      this.paste.x = x;
      this.paste.y = y;
      this.paste.scale = scale;
      this.render();
    }
  }

  placePaste() {
    if (this.paste) {
      this.remember();
      this.drawPaste(this.image.getContext('2d'));
      this.paste = null;
      this.render();
      this.onChange();
    }
  }

  cancelPaste() {
    this.paste = null;
    this.render();
    this.onChange();
  }

  drawPaste(g) {
    const p = this.paste;
    g.drawImage(p.img, p.x, p.y, p.img.naturalWidth * p.scale, p.img.naturalHeight * p.scale);
  }

  /** Replaces the working frame with an image of the frame's size (an edited frame made elsewhere). */
  replaceImage(img) {
    this.remember();
    const g = this.image.getContext('2d');
    g.clearRect(0, 0, this.width, this.height);
    g.drawImage(img, 0, 0);
    this.render();
    this.onChange();
  }

  render() {
    if (!this.image) {
      return;
    }
    const g = this.view.getContext('2d');
    g.clearRect(0, 0, this.width, this.height);
    g.drawImage(this.image, 0, 0);
    if (this.paste) {
      g.save();
      g.globalAlpha = 0.85;
      this.drawPaste(g);
      g.restore();
    }
    const tint = (layer, colour, alpha) => {
      const s = this.scratch.getContext('2d');
      s.clearRect(0, 0, this.width, this.height);
      s.drawImage(layer, 0, 0);
      s.save();
      s.globalCompositeOperation = 'source-in';
      s.fillStyle = colour;
      s.fillRect(0, 0, this.width, this.height);
      s.restore();
      g.save();
      g.globalAlpha = alpha;
      g.drawImage(this.scratch, 0, 0);
      g.restore();
    };
    if (this.showMask) {
      tint(this.mask, '#ff2d55', 0.45);
    }
    tint(this.selection, '#00e5ff', 0.12);
    g.drawImage(this.selectionEdges(), 0, 0);
    if (this.lasso.length > 1) {
      g.save();
      g.strokeStyle = '#00e5ff';
      g.lineWidth = Math.max(0.5, this.width / 256);
      g.beginPath();
      this.lasso.forEach((p, i) => (i ? g.lineTo(p.x, p.y) : g.moveTo(p.x, p.y)));
      g.stroke();
      g.restore();
    }
  }

  /** The selection's outline (dashed cyan and black), recomputed after the selection changes. */
  selectionEdges() {
    if (this.edges) {
      return this.edges;
    }
    const w = this.width, h = this.height;
    const a = this.selection.getContext('2d').getImageData(0, 0, w, h).data;
    this.edges = FrameEditor.canvas(w, h);
    const g = this.edges.getContext('2d');
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
    return this.edges;
  }

  /** The edited frame as a PNG data URL, at the frame's size. */
  editedDataUrl() {
    return this.image.toDataURL('image/png');
  }

  /** The mask as a black-and-white PNG data URL (white = may change), or null when nothing is painted. */
  maskDataUrl() {
    if (!this.hasMask()) {
      return null;
    }
    const c = FrameEditor.canvas(this.width, this.height);
    const g = c.getContext('2d');
    g.fillStyle = '#000';
    g.fillRect(0, 0, this.width, this.height);
    g.drawImage(this.mask, 0, 0);
    return c.toDataURL('image/png');
  }
}

window.FrameEditor = FrameEditor;
