// Small enhancements for reader pages; everything works without this file.
(function () {
  'use strict';
  var root = document.documentElement;
  var storageKey = 'bs-adjust';
  var settings = {};
  try {
    settings = JSON.parse(localStorage.getItem(storageKey) || '{}') || {};
  } catch {
    settings = {};
  }

  function save() {
    try {
      localStorage.setItem(storageKey, JSON.stringify(settings));
    } catch {
      /* private mode: settings last for this page only */
    }
  }

  function apply() {
    ['size', 'leading', 'font', 'theme', 'width'].forEach(function (key) {
      if (settings[key] === undefined) delete root.dataset[key];
      else root.dataset[key] = String(settings[key]);
    });
    var buttons = document.querySelectorAll('[data-setting]');
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i];
      var current = settings[b.dataset.setting];
      var value = b.dataset.value;
      var pressed =
        current === undefined ? b.hasAttribute('data-default') : String(current) === value;
      b.setAttribute('aria-pressed', pressed ? 'true' : 'false');
    }
  }

  // Without JavaScript, Adjust is a <details> that explains browser zoom. With it, the summary
  // becomes a real disclosure button (aria-expanded) that shows the settings below the toolbar.
  var details = document.querySelector('details.adjust');
  var summary = details && details.querySelector('summary');
  var panel = details && details.querySelector('.adjust__panel');
  if (details && summary && panel) {
    var toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = summary.className;
    toggle.setAttribute('aria-expanded', 'false');
    toggle.setAttribute('aria-controls', panel.id);
    while (summary.firstChild) toggle.appendChild(summary.firstChild);
    var adjust = document.createElement('div');
    adjust.className = 'adjust';
    panel.hidden = true;
    adjust.appendChild(toggle);
    adjust.appendChild(panel);
    details.replaceWith(adjust);

    var setOpen = function (open) {
      panel.hidden = !open;
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    };
    toggle.addEventListener('click', function () {
      setOpen(panel.hidden);
    });
    panel.addEventListener('click', function (event) {
      var target = event.target.closest('button');
      if (!target) return;
      var status = panel.querySelector('[data-adjust-status]');
      if (status) status.textContent = '';
      if (target.hasAttribute('data-reset')) {
        settings = {};
        // The pressed states change on other buttons than the one in hand: say what happened.
        if (status) status.textContent = status.getAttribute('data-reset-message') || '';
      } else if (target.dataset.setting !== undefined) {
        if (target.hasAttribute('data-default')) delete settings[target.dataset.setting];
        else settings[target.dataset.setting] = target.dataset.value;
      }
      save();
      apply();
    });
    adjust.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && !panel.hidden) {
        event.preventDefault();
        setOpen(false);
        toggle.focus();
      }
    });
    apply();
  }

  // The interface language: the server draws every page in the language of the cookie, so the
  // choice is the cookie and a reload (without JavaScript the form posts to /language, which
  // sets the same cookie). The site's own language is no cookie at all.
  var languageForm = document.querySelector('[data-language-form]');
  if (languageForm) {
    languageForm.addEventListener('submit', function (event) {
      var chosen = event.submitter;
      if (!chosen || chosen.name !== 'language') return;
      event.preventDefault();
      var secure = location.protocol === 'https:' ? '; secure' : '';
      document.cookie = chosen.value
        ? 'bs-lang=' +
          encodeURIComponent(chosen.value) +
          '; path=/; max-age=31536000; samesite=lax' +
          secure
        : 'bs-lang=; path=/; max-age=0; samesite=lax' + secure;
      location.reload();
    });
  }

  // Another tab changed the settings: follow it, so every open article agrees.
  window.addEventListener('storage', function (event) {
    if (event.key !== storageKey) return;
    try {
      settings = JSON.parse(event.newValue || '{}') || {};
    } catch {
      settings = {};
    }
    apply();
  });

  // Print. The print style sheet does the layout; the script fills in the date printed, makes
  // sure no image is still waiting to be lazily loaded, and carries the "Include comments"
  // choice (a class on <html> that the print style sheet reads).
  // Times in the site's zone (set on <body> by the server) and the page's language, named as the
  // server names them: GMT/BST, EST/EDT, MEZ… or, where no short name is known, the offset
  // (src/domain/local-time.ts, src/i18n/translator.ts).
  var siteZone = document.body.getAttribute('data-time-zone') || 'UTC';
  var language = root.lang || 'en-GB';
  // The pseudo-languages (tests) format as British English does.
  var english = /^en\b/.test(language);
  var locale = english ? 'en-GB' : language;
  var dayFormat = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: siteZone,
  });
  var clockFormat = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: siteZone,
  });
  var zoneNames = (english ? ['en-GB', 'en-US'] : [locale]).map(function (zoneLocale) {
    return new Intl.DateTimeFormat(zoneLocale, { timeZone: siteZone, timeZoneName: 'short' });
  });
  function zoneName(date) {
    for (var i = 0; i < zoneNames.length; i++) {
      var parts = zoneNames[i].formatToParts(date);
      for (var j = 0; j < parts.length; j++) {
        var name = parts[j].type === 'timeZoneName' ? parts[j].value : '';
        if (name && !/^(GMT|UTC)[+\-\u2212]/.test(name)) return name;
        if (name && i === zoneNames.length - 1)
          return name.replace('GMT', 'UTC').replace('-', '\u2212');
      }
    }
    return '';
  }
  function formatTime(date) {
    return dayFormat.format(date) + ', ' + clockFormat.format(date) + '\u00a0' + zoneName(date);
  }

  function stampPrintDate() {
    var now = new Date();
    var slots = document.querySelectorAll('[data-print-date]');
    for (var i = 0; i < slots.length; i++) {
      var time = document.createElement('time');
      time.dateTime = now.toISOString();
      time.textContent = formatTime(now);
      var label = slots[i].closest('[data-print-on]');
      slots[i].textContent = ' ' + (label ? label.getAttribute('data-print-on') : '') + ' ';
      slots[i].appendChild(time);
    }
  }

  /** Starts every lazily loaded image loading now; returns those that have not arrived yet. */
  function loadAllImages() {
    var pending = [];
    var images = document.images;
    for (var i = 0; i < images.length; i++) {
      var img = images[i];
      if (img.loading === 'lazy') img.loading = 'eager';
      if (!img.complete) pending.push(img);
    }
    return pending;
  }

  window.addEventListener('beforeprint', function () {
    stampPrintDate();
    loadAllImages();
  });

  var print = document.querySelector('[data-print]');
  var includeComments = document.querySelector('[data-print-comments]');
  var printView = print ? print.getAttribute('href') : '';

  function syncComments() {
    var on = includeComments.checked;
    root.classList.toggle('print-comments', on);
    // The link stays a true link (open in a new tab, copy): it leads to the same choice.
    if (print) print.setAttribute('href', printView + (on ? '?comments=1' : ''));
  }
  if (includeComments) {
    includeComments.addEventListener('change', syncComments);
    syncComments();
  }

  // The print view with comments holds the whole discussion; the article page may hold only its
  // first page. Then Print goes there, with #print, and the print view opens the dialog itself.
  if (root.classList.contains('print-view') && location.hash === '#print') {
    window.addEventListener('load', function () {
      window.print();
    });
  }

  if (print) {
    print.addEventListener('click', function (event) {
      event.preventDefault();
      var partial = document.querySelector('[data-load-more], .comment-more-replies a');
      if (includeComments && includeComments.checked && partial) {
        location.href = print.getAttribute('href') + '#print';
        return;
      }
      // Images first: a picture still waiting to be lazily loaded would print as a gap. Wait for
      // them a little (never for ever), then open the dialog.
      var pending = loadAllImages();
      if (pending.length === 0) {
        window.print();
        return;
      }
      var done = false;
      var go = function () {
        if (done) return;
        done = true;
        window.print();
      };
      var left = pending.length;
      pending.forEach(function (img) {
        var settle = function () {
          left -= 1;
          if (left === 0) go();
        };
        img.addEventListener('load', settle, { once: true });
        img.addEventListener('error', settle, { once: true });
      });
      setTimeout(go, 3000);
    });
  }

  // The toolbar's Comment control leads to the comments and puts the reader where they can
  // act: in the comment box, or on the invitation to sign in.
  var commentTool = document.querySelector('.toolbar a[href="#comments"]');
  if (commentTool) {
    commentTool.addEventListener('click', function (event) {
      var target =
        document.getElementById('comment-body') || document.querySelector('#comment-form a');
      if (!target) return;
      event.preventDefault();
      if (history.replaceState) history.replaceState(null, '', '#comments');
      target.focus();
    });
  }
})();
