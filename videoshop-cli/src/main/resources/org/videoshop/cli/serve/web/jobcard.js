'use strict';

/*
 * One job's card on the page: its title, its state line, the overall and per-stage progress bars and its Cancel and
 * Show buttons, drawn from the server's job snapshots. What the buttons do is the page's.
 */
class JobCard {
  /** The stages of an edit, in the order they run. */
  static STAGES = ['read', 'encode', 'invert', 'reconstruct', 'generate', 'rescale', 'decode', 'write'];

  /** Whether snapshot s is of a job that will not change again. */
  static finished(s) {
    return ['done', 'failed', 'cancelled'].includes(s.state);
  }

  constructor(id, title, onCancel, onShow) {
    const card = document.createElement('div');
    card.className = 'job';
    card.dataset.id = id;
    card.innerHTML = `<div class="head"><div class="title"><span class="name"></span><span class="state"></span></div>
      <span class="percent">0 %</span><button type="button" class="cancel">Cancel</button>
      <button type="button" class="show" hidden>Show</button></div>
      <div class="bar overall"><div></div></div><div class="stages"></div><div class="made" hidden></div>`;
    card.querySelector('.name').textContent = title;
    card.querySelector('.stages').replaceChildren(...JobCard.STAGES.map(name => {
      const s = document.createElement('div');
      s.dataset.stage = name;
      s.innerHTML = `<span class="label"></span><div class="bar"><div></div></div>`;
      s.querySelector('.label').textContent = name;
      return s;
    }));
    card.querySelector('.cancel').addEventListener('click', onCancel);
    card.querySelector('.show').addEventListener('click', onShow);
    /** The card's element, for the page to place. */
    this.element = card;
  }

  /** Draws snapshot s: state line, percentages, bars, and which buttons show. */
  render(s) {
    const card = this.element;
    card.className = 'job ' + s.state;
    card.dataset.state = s.state;
    card.dataset.percent = String(s.percent);
    card.querySelector('.state').textContent = JobCard.stateLine(s);
    card.querySelector('.percent').textContent = `${s.percent.toFixed(0)} %`;
    card.querySelector('.overall > div').style.width = s.percent + '%';
    for (const name of JobCard.STAGES) {
      const p = s.stages[name];
      const done = p ? (s.state === 'done' || p.total <= 0 ? 1 : p.step / p.total) : 0;
      const box = card.querySelector(`[data-stage="${name}"]`);
      box.querySelector('.bar > div').style.width = (100 * done) + '%';
      box.classList.toggle('idle', !p);
    }
    card.querySelector('.cancel').hidden = JobCard.finished(s);
    card.querySelector('.show').hidden = s.state !== 'done';
    const made = card.querySelector('.made');
    made.hidden = !s.provenance;
    made.textContent = s.provenance ? JobCard.madeLine(s.provenance) : '';
  }

  /** What produced a result: "karras schedule · per-channel normalisation · 13 of 25 steps · seed 42 · ...". */
  static madeLine(p) {
    const run = p.sigmas.length - 1; // the levels walked, ending with 0
    return `${p.sigmaSpacing} schedule · ${p.normalize ? p.normalization + ' normalisation' : 'no normalisation'}`
      + ` · ${run} of ${p.steps} steps · seed ${p.seed} · ${p.inversion} inversion · Sigma ${p.sigmaThreshold}`
      + ` · guidance ${p.guidance.join(' to ')} · ${p.outputMode} · model ${p.model} at ${p.workingSize}`
      + ` · ${p.backend} backend · ${p.seconds.toFixed(1)} s`;
  }

  /** "queued: next", "running: generate 3/12 · window 2 of 4", "done", "failed: why", ... */
  static stateLine(s) {
    if (s.state === 'queued') {
      return s.ahead === 0 ? 'queued: next' : `queued: ${s.ahead} job${s.ahead === 1 ? '' : 's'} ahead`;
    }
    if (s.state === 'running') {
      const p = s.stage ? s.stages[s.stage] : null;
      return 'running' + (p ? `: ${s.stage} ${p.step}/${p.total}` : '')
        + (s.windows > 1 ? ` · window ${s.window + 1} of ${s.windows}` : '');
    }
    return s.state === 'done' ? 'done' : s.state + (s.message ? ': ' + s.message : '');
  }
}

window.JobCard = JobCard;
