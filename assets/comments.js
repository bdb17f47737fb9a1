// "Load more comments" in place: fetches the next page (the same URL the link opens without
// JavaScript), appends its threads to the list and moves focus to the first new one. Without
// this file the link simply opens that page. Its words come from the section's `data-texts`
// (in the page's language; counted ones by plural category, `{n}` for the number).
(function () {
  'use strict';
  var section = document.getElementById('comments');
  if (!section || !window.fetch || !window.DOMParser) return;
  var texts;
  try {
    texts = JSON.parse(section.getAttribute('data-texts') || '');
  } catch {
    return;
  }
  function counted(templates, n) {
    var text = templates[new Intl.PluralRules(texts.locale).select(n)] || templates.other || '';
    return text.split('{n}').join(new Intl.NumberFormat(texts.locale).format(n));
  }
  var status = document.createElement('p');
  status.className = 'visually-hidden comments-load-status';
  status.setAttribute('role', 'status');
  section.appendChild(status);

  section.addEventListener('click', function (event) {
    var link = event.target instanceof Element ? event.target.closest('[data-load-more]') : null;
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (link.getAttribute('aria-busy') === 'true') return;
    link.setAttribute('aria-busy', 'true');
    status.textContent = texts.loading;
    fetch(link.href, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.text();
      })
      .then(function (text) {
        var doc = new DOMParser().parseFromString(text, 'text/html');
        var list = section.querySelector('[data-comment-list]');
        var incoming = doc.querySelector('#comments [data-comment-list]');
        var added = [];
        if (list && incoming) {
          Array.prototype.forEach.call(incoming.children, function (item) {
            // A thread already on the page (its place changed since) is not shown twice.
            if (item.id && document.getElementById(item.id)) return;
            var node = document.importNode(item, true);
            list.appendChild(node);
            added.push(node);
          });
        }
        var nextLink = doc.querySelector('#comments [data-load-more]');
        var holder = link.parentNode;
        if (nextLink) {
          link.href = nextLink.getAttribute('href');
          link.removeAttribute('aria-busy');
        } else if (holder) {
          holder.parentNode.removeChild(holder);
        }
        status.textContent = counted(texts.loaded, added.length);
        var first = added[0] && added[0].querySelector('.comment__card, .comment__deleted');
        if (first) {
          first.setAttribute('tabindex', '-1');
          first.focus();
        }
      })
      .catch(function () {
        // The link still works as a plain link.
        status.textContent = '';
        window.location.href = link.href;
      });
  });
})();
