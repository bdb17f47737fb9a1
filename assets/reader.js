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
      if (target.hasAttribute('data-reset')) {
        settings = {};
      } else if (target.dataset.setting) {
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

  var print = document.querySelector('[data-print]');
  if (print) {
    print.addEventListener('click', function (event) {
      event.preventDefault();
      window.print();
    });
  }
})();
