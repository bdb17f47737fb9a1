// The live posting screen (docs/live-coverage.md). Without this file every form works; with it,
// the unsent update is kept in this browser as it is typed (a reload or a crash loses nothing),
// Ctrl+Enter (⌘+Enter) posts it, and the line of who else is on the screen stays current.
(function () {
  'use strict';
  var body = document.querySelector('textarea[data-live-draft]');
  if (!body) return;
  var form = body.form;
  var title = form.querySelector('input[name="title"]');
  var saved = form.querySelector('[data-live-draft-saved]');
  var key = 'bs-live-draft-' + body.getAttribute('data-live-draft');
  var timer = null;

  function read() {
    try {
      return JSON.parse(localStorage.getItem(key) || 'null');
    } catch {
      return null;
    }
  }
  function write() {
    timer = null;
    try {
      if (body.value.trim() === '' && (!title || title.value.trim() === '')) {
        localStorage.removeItem(key);
        if (saved) saved.hidden = true;
      } else {
        localStorage.setItem(
          key,
          JSON.stringify({ title: title ? title.value : '', body: body.value }),
        );
        if (saved) saved.hidden = false;
      }
    } catch {
      // Storage or a malformed event: carry on without it.
    }
  }

  // A form that came back (a refusal, a preview) carries its own text: that wins.
  var draft = read();
  if (draft && body.value.trim() === '' && (!title || title.value === '')) {
    body.value = draft.body || '';
    if (title) title.value = draft.title || '';
    if (saved) saved.hidden = false;
  }

  form.addEventListener('input', function () {
    if (timer) clearTimeout(timer);
    timer = setTimeout(write, 300);
  });
  form.addEventListener('submit', function (event) {
    if (timer) clearTimeout(timer);
    timer = null;
    var by = event.submitter;
    if (!by || by.value === 'post') {
      try {
        localStorage.removeItem(key);
      } catch {
        // Storage or a malformed event: carry on without it.
      }
    } else {
      write();
    }
  });
  form.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      var post = form.querySelector('button[value="post"]');
      if (typeof form.requestSubmit === 'function') form.requestSubmit(post);
      else post.click();
    }
  });
})();

// Who is posting now (decisions/0089): every few seconds the screen says it is still open, and
// whether its person has typed lately; the answer is the line to show, in the site's words.
// Closing the screen says so at once; a screen that vanishes is gone when its lease runs out.
(function () {
  'use strict';
  var line = document.querySelector('[data-live-presence]');
  if (!line || typeof fetch !== 'function') return;
  var url = line.getAttribute('data-live-presence');
  var beatMs = Number(line.getAttribute('data-beat-ms')) || 3000;
  var form = document.getElementById('live-post-form');
  var typedAt = 0;
  var saidWriting = false;
  var timer = null;
  var stopped = false;

  function writing() {
    return Date.now() - typedAt < beatMs * 2;
  }
  function say(leaving) {
    var now = writing();
    saidWriting = now;
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: leaving === true,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(leaving === true ? { writing: false, leaving: true } : { writing: now }),
    })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (answer) {
        if (!answer || leaving === true || stopped) return;
        if (line.textContent !== answer.text) line.textContent = answer.text;
      })
      .catch(function () {
        // Offline for a moment: the next beat tries again.
      });
  }
  function beat() {
    timer = null;
    if (stopped) return;
    void say(false);
    timer = setTimeout(beat, beatMs);
  }
  function now() {
    if (timer) clearTimeout(timer);
    beat();
  }

  if (form) {
    form.addEventListener('input', function () {
      typedAt = Date.now();
      // Starting to type is news for the others: say it now, not at the next beat.
      if (!saidWriting) now();
    });
    form.addEventListener('submit', function () {
      typedAt = 0;
    });
  }
  // Every form here comes back to this screen: sending one is not leaving it.
  var staying = false;
  document.addEventListener('submit', function () {
    staying = true;
  });
  window.addEventListener('pagehide', function () {
    stopped = true;
    if (timer) clearTimeout(timer);
    if (!staying) void say(true);
  });
  window.addEventListener('pageshow', function (event) {
    // Back from the browser's page cache: on the screen again.
    if (event.persisted) {
      stopped = false;
      staying = false;
      now();
    }
  });
  timer = setTimeout(beat, beatMs);
})();
