// The dashboard's live behaviour: the token, the refresh of the page's live part, and actions.
// Data is only ever inserted as text (textContent) or as the server's own escaped HTML parts.
(function () {
  'use strict';
  var KEY = 'ecs-ami-operator.token';
  var body = document.body;
  var refreshMs = Math.max(100, Number(body.dataset.refreshMs) || 2000);
  var publicRead = body.dataset.publicRead === 'true';
  var live = document.getElementById('live');
  var notice = document.getElementById('notice');
  var form = document.getElementById('token-form');
  var input = document.getElementById('token');
  var forget = document.getElementById('forget-token');
  var who = document.getElementById('whoami');
  var planBox = document.getElementById('plan');
  var timer = null;

  function token() {
    return sessionStorage.getItem(KEY) || '';
  }

  function headers(json) {
    var h = {};
    if (token()) {
      h.Authorization = 'Bearer ' + token();
    }
    if (json) {
      h['Content-Type'] = 'application/json';
    }
    return h;
  }

  function show(text, kind) {
    notice.textContent = text;
    notice.className = 'notice' + (kind ? ' ' + kind : '');
    notice.hidden = !text;
  }

  // An RFC 7807 answer as one line: "Forbidden (403): token 'x' has the viewer role ... [field]".
  function problemText(resp) {
    return resp.text().then(function (text) {
      var p = null;
      try { p = JSON.parse(text); } catch (e) { p = null; }
      if (p && (p.title || p.detail)) {
        return (p.title || 'Error') + ' (' + (p.status || resp.status) + '): ' + (p.detail || '')
          + (p.field ? ' [field: ' + p.field + ']' : '');
      }
      return 'HTTP ' + resp.status + ' ' + resp.statusText;
    });
  }

  function readable() {
    return publicRead || token() !== '';
  }

  function refresh() {
    clearTimeout(timer);
    if (!live || !readable()) {
      return Promise.resolve();
    }
    return fetch(live.dataset.part + location.search, { headers: headers(false), cache: 'no-store' })
      .then(function (resp) {
        if (!resp.ok) {
          return problemText(resp).then(function (t) { show(t, 'error'); });
        }
        return resp.text().then(function (html) {
          var doc = new DOMParser().parseFromString(html, 'text/html');
          var nodes = Array.prototype.map.call(doc.body.childNodes, function (n) {
            return document.importNode(n, true);
          });
          live.replaceChildren.apply(live, nodes);
          body.dataset.refreshedAt = String(Date.now());
        });
      })
      .catch(function (e) { show('cannot reach the operator: ' + e.message, 'error'); })
      .then(function () {
        // A finished rollout changes no more; its page stops asking.
        if (!live.querySelector('[data-settled="true"]')) {
          timer = setTimeout(refresh, refreshMs);
        }
      });
  }

  function identify() {
    who.textContent = '';
    forget.hidden = token() === '';
    if (!token()) {
      return Promise.resolve();
    }
    return fetch('/api/whoami', { headers: headers(false), cache: 'no-store' }).then(function (resp) {
      if (!resp.ok) {
        sessionStorage.removeItem(KEY);
        forget.hidden = true;
        return problemText(resp).then(function (t) { show('token refused: ' + t, 'error'); });
      }
      return resp.json().then(function (me) {
        who.textContent = me.name + ' (' + me.role + ')';
        who.dataset.role = me.role;
      });
    });
  }

  function renderPlan(plan) {
    var items = [];
    function line(text, cls) {
      var el = document.createElement('li');
      el.textContent = text;
      if (cls) {
        el.className = cls;
      }
      items.push(el);
    }
    var title = document.createElement('h2');
    title.textContent = 'Plan for ' + plan.target;
    line('from ' + (plan.from ? plan.from.imageId : '?') + ' to ' + (plan.to ? plan.to.imageId : '?')
      + ', estimate ' + plan.estimate);
    (plan.instances || []).forEach(function (i, n) {
      line((n + 1) + '. ' + i.instanceId + ' in ' + i.availabilityZone + ', ' + i.runningTasks + ' task(s)'
        + (i.registered ? '' : ', not registered'));
    });
    (plan.findings || []).forEach(function (f) {
      line(f.severity + ' ' + f.code + ': ' + f.message, 'f-' + f.severity.toLowerCase());
    });
    var list = document.createElement('ul');
    list.className = 'plan-lines';
    list.replaceChildren.apply(list, items);
    planBox.replaceChildren(title, list);
    planBox.hidden = false;
  }

  function act(button) {
    if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
      return;
    }
    var hasBody = button.dataset.body !== '';
    button.disabled = true;
    fetch(button.dataset.url, { method: 'POST', headers: headers(hasBody), body: hasBody ? button.dataset.body : undefined })
      .then(function (resp) {
        if (!resp.ok) {
          return problemText(resp).then(function (t) { show(button.textContent + ' refused: ' + t, 'error'); });
        }
        return resp.json().then(function (json) {
          if (button.dataset.kind === 'plan' && planBox) {
            show('', '');
            renderPlan(json);
          } else if (button.dataset.kind === 'start') {
            location.assign('/rollouts/' + encodeURIComponent(json.id));
          } else {
            show(button.textContent + ': done, rollout is ' + json.state, 'ok');
          }
        });
      })
      .catch(function (e) { show('cannot reach the operator: ' + e.message, 'error'); })
      .then(function () { button.disabled = false; return refresh(); });
  }

  document.addEventListener('click', function (e) {
    var button = e.target.closest('button.action');
    if (button && !button.disabled) {
      act(button);
    }
  });

  form.hidden = false;
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var value = input.value.trim();
    input.value = '';
    if (value) {
      sessionStorage.setItem(KEY, value);
      show('', '');
    }
    identify().then(refresh);
  });
  forget.addEventListener('click', function () {
    sessionStorage.removeItem(KEY);
    identify();
    if (publicRead) {
      refresh();
    } else {
      location.reload();
    }
  });

  identify().then(function () {
    if (token()) {
      return refresh();
    }
    timer = setTimeout(refresh, refreshMs);
    return null;
  });
}());
