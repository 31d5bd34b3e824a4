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
    this.original = Pixels.canvas(w, h);
    this.original.getContext('2d').drawImage(image, 0, 0);
    this.image = Pixels.canvas(w, h);
    this.image.getContext('2d').drawImage(image, 0, 0);
    this.mask = Pixels.canvas(w, h);
    this.selection = Pixels.canvas(w, h);
    this.scratch = Pixels.canvas(w, h);
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
    return Pixels.anyAlpha(this.selection, this.width, this.height);
  }

  hasMask() {
    return Pixels.anyAlpha(this.mask, this.width, this.height);
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
    Pixels.recolour(img.data, sel, hueDegrees, brightnessPercent);
    g.putImageData(img, 0, 0);
    this.render();
    this.onChange();
    return true;
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
    if (!this.edges) {
      this.edges = Pixels.outline(this.selection, this.width, this.height);
    }
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
    const c = Pixels.canvas(this.width, this.height);
    const g = c.getContext('2d');
    g.fillStyle = '#000';
    g.fillRect(0, 0, this.width, this.height);
    g.drawImage(this.mask, 0, 0);
    return c.toDataURL('image/png');
  }
}

window.FrameEditor = FrameEditor;
