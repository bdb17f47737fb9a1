// The live posting screen (docs/live-coverage.md). Without this file every form works; with it,
// the unsent update is kept in this browser as it is typed (a reload or a crash loses nothing),
// and Ctrl+Enter (⌘+Enter) posts it.
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
