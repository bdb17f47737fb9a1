// The moderation queue's keyboard and live notice. Every action is also a plain form button, so
// the queue works without this script; it only adds shortcuts and news of others' decisions.
(function () {
  'use strict';
  var list = document.querySelector('[data-mod-queue]');
  var items = list ? Array.prototype.slice.call(list.querySelectorAll('[data-mod-item]')) : [];

  function currentItem() {
    var el = document.activeElement;
    return el && el.closest ? el.closest('[data-mod-item]') : null;
  }

  function focusItem(item) {
    if (!item) return;
    item.focus();
    if (item.scrollIntoView) item.scrollIntoView({ block: 'nearest' });
  }

  // After an action the page comes back with ?focus=ID: carry on from the same place.
  var params = new URLSearchParams(window.location.search);
  var wanted = params.get('focus');
  if (wanted !== null && items.length) {
    focusItem(document.getElementById('item-' + wanted) || items[0]);
  }

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName;
    return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
  }

  document.addEventListener('keydown', function (event) {
    if (!items.length || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) return;
    var item = currentItem();
    var index = item ? items.indexOf(item) : -1;
    if (event.key === 'j') {
      event.preventDefault();
      focusItem(items[Math.min(items.length - 1, index + 1)]);
    } else if (event.key === 'k') {
      event.preventDefault();
      focusItem(items[Math.max(0, index - 1)]);
    } else if (item && (event.key === 'a' || event.key === 'r' || event.key === 'f')) {
      var button = item.querySelector('[data-key="' + event.key + '"]');
      if (!button || !button.form) return;
      event.preventDefault();
      // Approving or rejecting moves on to the next comment; featuring stays on this one.
      var next = event.key === 'f' ? item : items[index + 1] || items[index - 1];
      var back = button.form.querySelector('input[name="back"]');
      if (back && next) {
        var url = new URL(back.value, window.location.href);
        url.searchParams.set('focus', next.getAttribute('data-id'));
        back.value = url.pathname + url.search;
      }
      if (button.form.requestSubmit) button.form.requestSubmit(button);
      else button.click();
    }
  });

  // Live: other moderators' decisions and new comments are announced, never moved under the
  // keyboard; "Refresh" loads the queue again.
  var live = document.querySelector('[data-mod-live]');
  if (!live || !window.EventSource) return;
  var changes = 0;
  var source = new EventSource('/admin/moderation/events');
  source.addEventListener('open', function () {
    live.setAttribute('data-connected', 'true');
  });
  source.addEventListener('change', function () {
    changes += 1;
    live.textContent = '';
    live.appendChild(
      document.createTextNode(
        changes === 1
          ? '1 comment has changed since this page loaded. '
          : changes + ' comments have changed since this page loaded. ',
      ),
    );
    var link = document.createElement('a');
    link.href =
      window.location.pathname + window.location.search.replace(/([?&])(done|focus)=[^&]*/g, '$1');
    link.textContent = 'Refresh the queue';
    live.appendChild(link);
  });
  window.addEventListener('pagehide', function () {
    source.close();
  });
})();
