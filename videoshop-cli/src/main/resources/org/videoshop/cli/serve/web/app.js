'use strict';

/* The page: opens videos, drives the editor, runs jobs with live progress, compares and downloads. */
(() => {
  const $ = id => document.getElementById(id);
  const state = {info: null, video: null, jobs: new Map(), shown: null, player: null};

  // ---- server calls ----------------------------------------------------------------------------------------
  async function call(method, path, body, type) {
    const headers = {'X-Videoshop': '1'};
    if (type) {
      headers['Content-Type'] = type;
    }
    const res = await fetch(path, {method, body, headers, credentials: 'same-origin'});
    if (!res.ok) {
      let text = res.status + ' ' + res.statusText;
      try {
        text = (await res.json()).error || text;
      } catch (ignored) {
        // not JSON: keep the status line
      }
      throw new Error(text);
    }
    return res;
  }

  const json = async (method, path, body) =>
    (await call(method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json')).json();

  function say(text, kind) {
    const m = $('message');
    m.textContent = text;
    m.className = 'message' + (kind === 'info' ? ' info' : '');
    m.hidden = !text;
  }

  const loadImage = src => new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('Expected an image the browser can show but could not load it'));
    img.src = src;
  });

  // ---- 1. open a video ---------------------------------------------------------------------------------------
  async function start() {
    try {
      state.info = await json('GET', '/api/info');
    } catch (e) {
      $('model-info').textContent = 'Cannot reach the server: ' + e.message;
      return;
    }
    const i = state.info;
    $('model-info').textContent = `Model ${i.model.name} (${i.model.width}×${i.model.height}, ${i.model.nativeFrames}`
      + ` frames per window) · videoshop ${i.version}`;
    $('limits').textContent = `Videos up to ${(i.limits.maxUploadBytes / 1048576).toFixed(1)} MB, `
      + `${i.limits.maxFrames} frames and ${i.limits.maxSide} px a side: MP4, WebM, MOV, MKV, AVI or animated GIF.`;
    $('strength').value = i.defaults.strength;
    $('steps').value = i.defaults.steps;
    $('steps').max = i.limits.maxSteps;
    $('seed').value = i.defaults.seed;
    $('inversion').value = i.defaults.inversion;
    $('output-mode').value = i.defaults.outputMode;
    for (const [id, key] of [['sigma-spacing', 'sigmaSpacing'], ['normalization', 'normalization']]) {
      $(id).replaceChildren(...i.choices[key].map(name => new Option(name, name)));
      $(id).value = i.defaults[key];
    }
    if (!i.defaults.normalize) { // latent normalisation is off on this server: nothing to choose, none sent
      $('normalization').replaceChildren(new Option('off', ''));
      $('normalization').disabled = true;
      $('normalization-note').textContent = `Off: ${i.normalizationOff}.`;
      $('normalization-note').hidden = false;
      $('normalization-label').title = `Latent normalisation is off (${i.normalizationOff}): jobs run without`
        + ' latent normalisation and name none';
    }
    if (i.clipsFolder) {
      const clips = (await json('GET', '/api/clips')).clips;
      $('clips-box').hidden = false;
      $('clip-select').replaceChildren(...clips.map(c => new Option(c, c)));
      $('open-clip').disabled = clips.length === 0;
    }
    document.body.dataset.ready = 'true';
  }

  async function upload(file) {
    if (!file) {
      return;
    }
    if (file.size > state.info.limits.maxUploadBytes) {
      say(`Expected a video of at most ${(state.info.limits.maxUploadBytes / 1048576).toFixed(1)} MB but `
        + `${file.name} is ${(file.size / 1048576).toFixed(1)} MB`);
      return;
    }
    say('Uploading ' + file.name + '…', 'info');
    try {
      const facts = await (await call('POST', '/api/videos?name=' + encodeURIComponent(file.name), file,
        'application/octet-stream')).json();
      await opened(facts);
    } catch (e) {
      say(e.message);
    }
  }

  async function openClip() {
    say('Opening ' + $('clip-select').value + '…', 'info');
    try {
      await opened(await json('POST', '/api/clips/open', {name: $('clip-select').value}));
    } catch (e) {
      say(e.message);
    }
  }

  async function opened(facts) {
    state.video = facts;
    const rows = [
      ['name', facts.name],
      ['frames', facts.frames],
      ['size', `${facts.width} × ${facts.height} px`],
      ['frame rate', `${facts.fps.toFixed(2)} fps${facts.fpsFromSource ? '' : ' (none in the file; assumed)'}`],
      ['length', `${facts.seconds.toFixed(2)} s`],
      ['model runs at', `${facts.modelWidth} × ${facts.modelHeight} px, in ${facts.windows} window`
        + (facts.windows === 1 ? '' : 's')]];
    $('facts').replaceChildren(...rows.map(([k, v]) => {
      const tr = document.createElement('tr');
      tr.append(cell(k), cell(String(v)));
      return tr;
    }));
    $('facts').hidden = false;
    const strip = [];
    for (let f = 0; f < facts.frames; f++) {
      const img = document.createElement('img');
      img.src = frameUrl('videos', facts.id, f);
      img.alt = 'frame ' + (f + 1);
      img.title = 'frame ' + (f + 1);
      strip.push(img);
    }
    $('filmstrip').replaceChildren(...strip);
    editor.load(await loadImage(frameUrl('videos', facts.id, 0)));
    const max = Math.max(facts.width, facts.height);
    $('size').max = Math.max(8, Math.round(max / 2));
    $('size').value = Math.max(1, Math.round(max / 10));
    editor.size = +$('size').value;
    $('size-out').value = $('size').value;
    for (const [id, limit] of [['paste-x', facts.width], ['paste-y', facts.height]]) {
      $(id).min = -limit;
      $(id).max = limit;
    }
    $('edit').hidden = false;
    $('run').hidden = false;
    say('');
    document.body.dataset.video = facts.id;
  }

  function cell(text) {
    const td = document.createElement('td');
    td.textContent = text;
    return td;
  }

  const frameUrl = (kind, id, f) => `/api/${kind}/${id}/frames/${f}`;

  // ---- 2. the editor -----------------------------------------------------------------------------------------
  const editor = new FrameEditor($('edit-canvas'), () => {
    $('undo').disabled = editor.undoStack.length === 0;
    $('redo').disabled = editor.redoStack.length === 0;
    $('paste-place').disabled = !editor.paste;
    $('paste-cancel').disabled = !editor.paste;
    if (editor.paste) {
      $('paste-x').value = editor.paste.x;
      $('paste-y').value = editor.paste.y;
      $('paste-scale').value = Math.round(editor.paste.scale * 100);
      $('paste-scale-out').value = $('paste-scale').value;
    }
    document.body.dataset.edits = String(editor.undoStack.length);
  });

  function chooseTool(tool) {
    editor.tool = tool;
    for (const b of document.querySelectorAll('[data-tool]')) {
      b.classList.toggle('active', b.dataset.tool === tool);
    }
    $('recolour-panel').classList.toggle('inactive', !tool.startsWith('select'));
    $('paste-panel').classList.toggle('inactive', tool !== 'paste');
  }

  async function uploadEdited(file) {
    if (!file || !state.video) {
      return;
    }
    try {
      const res = await call('POST', `/api/videos/${state.video.id}/edited-first`, file, 'application/octet-stream');
      const url = URL.createObjectURL(await res.blob());
      editor.replaceImage(await loadImage(url));
      URL.revokeObjectURL(url);
      say('');
    } catch (e) {
      say(e.message);
    }
  }

  async function choosePaste(file) {
    if (!file) {
      return;
    }
    try {
      const url = URL.createObjectURL(file);
      const img = await loadImage(url);
      chooseTool('paste');
      editor.startPaste(img);
    } catch (e) {
      say(e.message);
    }
  }

  function pasteSliders() {
    $('paste-scale-out').value = $('paste-scale').value;
    editor.movePaste(+$('paste-x').value, +$('paste-y').value, $('paste-scale').value / 100);
  }

  // ---- 3. jobs -----------------------------------------------------------------------------------------------
  async function run() {
    if (!state.video) {
      return;
    }
    const body = {
      video: state.video.id,
      strength: +$('strength').value,
      steps: +$('steps').value,
      seed: +$('seed').value,
      inversion: $('inversion').value,
      outputMode: $('output-mode').value,
      sigmaSpacing: $('sigma-spacing').value,
      normalization: $('normalization').disabled ? undefined : $('normalization').value,
      format: $('format').value,
      editedFirst: editor.editedDataUrl(),
      mask: editor.maskDataUrl()
    };
    try {
      const snap = await json('POST', '/api/jobs', body);
      track(snap);
      say('');
    } catch (e) {
      say(e.message);
    }
  }

  function track(snap) {
    const card = new JobCard(snap.id, `Job ${state.jobs.size + 1} · ${state.video.name}`, async () => {
      try {
        update(await json('POST', `/api/jobs/${snap.id}/cancel`));
      } catch (e) {
        say(e.message);
      }
    }, () => show(state.jobs.get(snap.id).snap));
    state.jobs.set(snap.id, {snap, card});
    $('jobs').prepend(card.element);
    update(snap);
    const events = new EventSource(`/api/jobs/${snap.id}/events`);
    events.addEventListener('progress', e => {
      const s = JSON.parse(e.data);
      update(s);
      if (JobCard.finished(s)) {
        events.close();
      }
    });
  }

  /** Shows a job's snapshot unless a newer one was shown; the first finished edit is shown for comparison. */
  function update(s) {
    const job = state.jobs.get(s.id);
    if (!job || s.version < job.snap.version) {
      return;
    }
    job.snap = s;
    job.card.render(s);
    if (s.state === 'done' && (!state.shown || state.shown.id !== s.id)) {
      show(s);
    }
  }

  // ---- 4. compare and download -------------------------------------------------------------------------------
  async function show(snap) {
    stop();
    const video = state.video && state.video.id === snap.video ? state.video
      : await json('GET', `/api/videos/${snap.video}`);
    state.shown = {id: snap.id, video, frame: 0};
    state.source = [];
    state.result = [];
    for (let f = 0; f < video.frames; f++) {
      state.source.push(frameUrl('videos', video.id, f));
      state.result.push(frameUrl('jobs', snap.id, f));
      new Image().src = state.result[f]; // preload so that playback stays in step
      new Image().src = state.source[f];
    }
    $('scrub').max = video.frames - 1;
    for (const kind of ['mp4', 'gif', 'png']) {
      $('download-' + kind).href = `/api/jobs/${snap.id}/download/${kind}`;
    }
    $('compare').hidden = false;
    $('compare').dataset.job = snap.id;
    seek(0);
  }

  function seek(f) {
    const s = state.shown;
    if (!s) {
      return;
    }
    s.frame = f;
    $('source-frame').src = state.source[f];
    $('result-frame').src = state.result[f];
    $('scrub').value = f;
    $('frame-label').textContent = `frame ${f + 1} of ${state.source.length}`;
  }

  function play() {
    if (state.player) {
      stop();
      return;
    }
    $('play').textContent = 'Pause';
    state.player = setInterval(() => seek((state.shown.frame + 1) % state.source.length),
      1000 / Math.max(1, state.shown.video.fps));
  }

  function stop() {
    clearInterval(state.player);
    state.player = null;
    $('play').textContent = 'Play';
  }

  // ---- wiring ------------------------------------------------------------------------------------------------
  $('upload-input').addEventListener('change', e => upload(e.target.files[0]).then(() => (e.target.value = '')));
  $('open-clip').addEventListener('click', openClip);
  for (const b of document.querySelectorAll('[data-tool]')) {
    b.addEventListener('click', () => chooseTool(b.dataset.tool));
  }
  $('target').addEventListener('change', e => (editor.target = e.target.value));
  $('colour').addEventListener('input', e => (editor.colour = e.target.value));
  $('size').addEventListener('input', e => {
    editor.size = +e.target.value;
    $('size-out').value = e.target.value;
  });
  $('undo').addEventListener('click', () => editor.undo());
  $('redo').addEventListener('click', () => editor.redo());
  for (const id of ['hue', 'brightness']) {
    $(id).addEventListener('input', e => ($(id + '-out').value = e.target.value));
  }
  $('apply-recolour').addEventListener('click', () => {
    if (!editor.recolour(+$('hue').value, +$('brightness').value)) {
      say('Select a region first: choose Select (brush) or Select (lasso) and mark it on the frame.');
    }
  });
  $('clear-selection').addEventListener('click', () => editor.clearSelection());
  $('paste-input').addEventListener('change', e => choosePaste(e.target.files[0]));
  for (const id of ['paste-x', 'paste-y', 'paste-scale']) {
    $(id).addEventListener('input', pasteSliders);
  }
  $('paste-place').addEventListener('click', () => editor.placePaste());
  $('paste-cancel').addEventListener('click', () => editor.cancelPaste());
  $('edited-input').addEventListener('change', e => uploadEdited(e.target.files[0]).then(() => (e.target.value = '')));
  $('clear-mask').addEventListener('click', () => editor.clearMask());
  $('show-mask').addEventListener('change', e => {
    editor.showMask = e.target.checked;
    editor.render();
  });
  $('run-button').addEventListener('click', run);
  $('play').addEventListener('click', play);
  $('scrub').addEventListener('input', e => {
    stop();
    seek(+e.target.value);
  });
  document.addEventListener('keydown', e => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'z') {
      editor.undo();
    } else if ((e.ctrlKey || e.metaKey) && e.key === 'y') {
      editor.redo();
    }
  });
  chooseTool('brush');
  start();
})();
