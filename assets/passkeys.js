// Passkeys (WebAuthn) on the sign-in, sign-up and account pages. Without this script, or in a
// browser without passkeys, those pages work with passwords as before: every passkey control is
// in an island (data-passkey-island) that stays hidden until this script finds the API. The
// server makes and checks every challenge; this only carries them between it and the browser.
// Its words come from the island (data-working, data-cancelled, data-failed, data-fill-in).
(function () {
  'use strict';
  var islands = document.querySelectorAll('[data-passkey-island]');
  if (islands.length === 0) return;
  if (!window.PublicKeyCredential || !navigator.credentials || !window.fetch) return;

  function toBuffer(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) base64 += '=';
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  }
  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function descriptors(list) {
    return (list || []).map(function (d) {
      return { type: d.type, id: toBuffer(d.id), transports: d.transports };
    });
  }
  function creationOptions(json) {
    var options = Object.assign({}, json);
    options.challenge = toBuffer(json.challenge);
    options.user = Object.assign({}, json.user, { id: toBuffer(json.user.id) });
    options.excludeCredentials = descriptors(json.excludeCredentials);
    return options;
  }
  function requestOptions(json) {
    var options = Object.assign({}, json);
    options.challenge = toBuffer(json.challenge);
    options.allowCredentials = descriptors(json.allowCredentials);
    return options;
  }
  function registrationJSON(credential) {
    var r = credential.response;
    return {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: {
        clientDataJSON: toBase64url(r.clientDataJSON),
        attestationObject: toBase64url(r.attestationObject),
        transports: r.getTransports ? r.getTransports() : [],
      },
    };
  }
  function authenticationJSON(credential) {
    var r = credential.response;
    return {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: {
        clientDataJSON: toBase64url(r.clientDataJSON),
        authenticatorData: toBase64url(r.authenticatorData),
        signature: toBase64url(r.signature),
        userHandle: r.userHandle ? toBase64url(r.userHandle) : undefined,
      },
    };
  }

  /** POSTs JSON; a refusal becomes an Error carrying the server's message (in the page's words). */
  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (data) {
          if (response.ok) return data;
          var error = new Error((data.error && data.error.message) || '');
          error.fromServer = true;
          throw error;
        });
    });
  }

  function setUp(island) {
    var status = island.querySelector('[data-passkey-status]');
    var word = function (name) {
      return island.getAttribute('data-' + name) || '';
    };
    function say(text) {
      if (status) status.textContent = text;
    }
    /** What went wrong, said in the island's status line; a cancelled prompt is not an error. */
    function failed(error) {
      if (error && error.name === 'AbortError') return;
      if (error && error.fromServer && error.message) say(error.message);
      else if (error && error.name === 'NotAllowedError') say(word('cancelled'));
      else say(word('failed'));
    }
    function go(data) {
      window.location.assign(data.redirect || '/');
    }
    island.hidden = false;
    var fallback = island.parentNode && island.parentNode.querySelector('[data-passkey-fallback]');
    if (fallback) fallback.hidden = true;
    var kind = island.getAttribute('data-passkey-island');

    if (kind === 'register') {
      var form = island.querySelector('form');
      var nameInput = form.querySelector('input[name="name"]');
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var name = nameInput.value;
        say(word('working'));
        post('/account/passkeys/options', { name: name })
          .then(function (options) {
            return navigator.credentials.create({ publicKey: creationOptions(options) });
          })
          .then(function (credential) {
            return post('/account/passkeys', {
              name: name,
              response: registrationJSON(credential),
            });
          })
          .then(go, failed);
      });
      return;
    }

    if (kind === 'sign-up') {
      var signUpForm = island.closest('form') || document.querySelector('form[action="/signup"]');
      island.querySelector('[data-passkey-start]').addEventListener('click', function () {
        var name = signUpForm.querySelector('input[name="name"]').value.trim();
        var email = signUpForm.querySelector('input[name="email"]').value.trim();
        if (!name || !email) return say(word('fill-in'));
        say(word('working'));
        post('/signup/passkey/options', { name: name, email: email })
          .then(function (options) {
            return navigator.credentials.create({ publicKey: creationOptions(options) });
          })
          .then(function (credential) {
            return post('/signup/passkey', {
              name: island.getAttribute('data-default-name') || 'Passkey',
              response: registrationJSON(credential),
            });
          })
          .then(go, failed);
      });
      return;
    }

    // Sign-in: the autofill (conditional mediation) waits in the email field; the button asks.
    var nextInput = document.querySelector('form[action="/signin"] input[name="next"]');
    var next = nextInput ? nextInput.value : undefined;
    var waiting = null;
    var refusals = 0;
    function signIn(mediation) {
      var controller = new AbortController();
      return post('/signin/passkey/options', {}).then(function (options) {
        var request = { publicKey: requestOptions(options), signal: controller.signal };
        if (mediation) request.mediation = mediation;
        var pending = navigator.credentials.get(request);
        return { controller: controller, pending: pending };
      });
    }
    function finish(credential) {
      say(word('working'));
      return post('/signin/passkey', { response: authenticationJSON(credential), next: next });
    }
    function autofill() {
      if (!PublicKeyCredential.isConditionalMediationAvailable) return;
      PublicKeyCredential.isConditionalMediationAvailable().then(function (available) {
        if (!available) return;
        signIn('conditional').then(function (started) {
          waiting = started.controller;
          started.pending.then(
            function (credential) {
              waiting = null;
              return finish(credential).then(go, function (error) {
                failed(error);
                // A passkey the server refused leaves the autofill ready for another choice (a
                // few times: each wait asks the server for a new challenge).
                if (refusals++ < 3) autofill();
              });
            },
            function () {
              // The browser ended the wait itself (aborted for the button, or nothing to offer):
              // nothing was tried, so nothing is said, and the button stays.
              waiting = null;
            },
          );
        }, failed);
      });
    }
    island.querySelector('[data-passkey-start]').addEventListener('click', function () {
      if (waiting) waiting.abort();
      waiting = null;
      say(word('working'));
      signIn(undefined)
        .then(function (started) {
          return started.pending;
        })
        .then(finish)
        .then(go, function (error) {
          failed(error);
          autofill();
        });
    });
    autofill();
  }

  for (var i = 0; i < islands.length; i++) setUp(islands[i]);
})();
