// Shared by both console pages: the API call with the bearer token, the sign-in form, DOM
// building and formatting. Every piece of data reaches the page as a text node (textContent),
// never as HTML, so a table name or an error message cannot inject markup.
"use strict";

const Lakesync = (() => {
  const TOKEN_KEY = "lakesync.apiToken";
  const API = "/api/2.0/database";

  let onSignedIn = () => {};

  // ---- API --------------------------------------------------------------------------------

  /** A failed API call: HTTP status plus the server's {error_code, message}. */
  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
    describe() {
      return this.code ? this.code + ": " + this.message : this.message;
    }
  }

  function token() {
    return localStorage.getItem(TOKEN_KEY);
  }

  /**
   * Calls the API with the stored token in the Authorization header (never in the URL) and
   * returns the parsed JSON answer. A 401 means the token is missing or wrong: the sign-in form
   * comes back. Other failures reject with an ApiError.
   */
  async function api(method, path, body) {
    const used = token();
    if (!used) {
      requireSignIn("");
      throw new ApiError(401, "UNAUTHENTICATED", "Sign in with an API token first.");
    }
    const init = { method, headers: { "Authorization": "Bearer " + used, "Accept": "application/json" } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(API + path, init);
    } catch (e) {
      throw new ApiError(0, "SERVER_UNREACHABLE", "The lakesync server does not answer (" + e.message
        + "). Is it running?");
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : {};
    } catch (e) {
      json = null;
    }
    if (response.ok) {
      return json;
    }
    const code = json && json.error_code ? json.error_code : "HTTP_" + response.status;
    const message = json && json.message ? json.message : (text || response.statusText);
    if (response.status === 401 && token() === used) {
      // Only the token that was refused is forgotten: a call that was in flight while the user
      // signed in again must not throw the new token away.
      requireSignIn("The server refused the token: " + message);
    }
    throw new ApiError(response.status, code, message);
  }

  function tablePath(name) {
    return "/synced_tables/" + encodeURIComponent(name);
  }

  // ---- Sign-in ----------------------------------------------------------------------------

  function signedIn() {
    return token() !== null;
  }

  function requireSignIn(reason) {
    localStorage.removeItem(TOKEN_KEY);
    document.getElementById("app").hidden = true;
    document.getElementById("signout").hidden = true;
    document.getElementById("signin").hidden = false;
    document.getElementById("signin-error").textContent = reason || "";
    const input = document.getElementById("token-input");
    input.value = "";
    input.focus();
  }

  function showApp() {
    document.getElementById("signin").hidden = true;
    document.getElementById("signout").hidden = false;
    document.getElementById("app").hidden = false;
  }

  /**
   * Wires the sign-in form and the sign-out button, then runs {@code start} once a token is known
   * (right away when one is stored, else after the user signs in) and again after every sign-in.
   */
  function init(start) {
    onSignedIn = start;
    document.getElementById("signin-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const value = document.getElementById("token-input").value.trim();
      if (!value) {
        document.getElementById("signin-error").textContent = "Enter the API token.";
        return;
      }
      localStorage.setItem(TOKEN_KEY, value);
      showApp();
      onSignedIn();
    });
    document.getElementById("signout").addEventListener("click", () => requireSignIn("Signed out."));
    if (signedIn()) {
      showApp();
      onSignedIn();
    } else {
      requireSignIn("");
    }
  }

  // ---- DOM ---------------------------------------------------------------------------------

  /**
   * Builds an element. {@code props}: className, title, id, dataset (object), href, or any other
   * property set as is. Children: nodes, or strings/numbers that become text nodes.
   */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) {
        continue;
      }
      if (key === "dataset") {
        Object.assign(node.dataset, value);
      } else {
        node[key] = value;
      }
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null) {
        continue;
      }
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** Replaces an element's content by the given nodes/strings (text only, never HTML). */
  function fill(target, ...children) {
    const node = typeof target === "string" ? document.getElementById(target) : target;
    node.replaceChildren(...children.flat().filter((c) => c !== undefined && c !== null)
      .map((c) => (c instanceof Node ? c : document.createTextNode(String(c)))));
    return node;
  }

  const STATE_STYLES = {
    ONLINE_NO_PENDING_UPDATE: "ok",
    ONLINE_CONTINUOUS_UPDATE: "ok",
    ONLINE: "idle",
    ONLINE_TRIGGERED_UPDATE: "busy",
    PROVISIONING: "idle",
    PROVISIONING_INITIAL_SNAPSHOT: "busy",
    ONLINE_PIPELINE_FAILED: "warn",
    OFFLINE_FAILED: "bad",
  };

  function stateBadge(state) {
    const value = state || "UNKNOWN";
    return el("span", { className: "badge " + (STATE_STYLES[value] || "idle") }, value);
  }

  const OUTCOME_STYLES = { SUCCEEDED: "ok", RUNNING: "busy", FAILED: "bad", CRASHED: "bad" };

  function outcomeBadge(outcome) {
    return el("span", { className: "badge " + (OUTCOME_STYLES[outcome] || "idle") }, outcome || "?");
  }

  /** Shows a call's answer or error in the page's message area; kind: info, ok, warn or error. */
  function showMessage(text, kind) {
    const area = document.getElementById("message");
    area.className = "message " + (kind || "info");
    area.textContent = text;
  }

  function clearMessage() {
    showMessage("", "info");
  }

  // ---- Formatting --------------------------------------------------------------------------

  function number(n) {
    return n === undefined || n === null ? "—" : Number(n).toLocaleString("en-US");
  }

  function seconds(s) {
    if (s === undefined || s === null) {
      return "—";
    }
    if (s < 60) {
      return s.toFixed(1) + " s";
    }
    if (s < 3600) {
      return Math.floor(s / 60) + " min " + Math.round(s % 60) + " s";
    }
    return Math.floor(s / 3600) + " h " + Math.round((s % 3600) / 60) + " min";
  }

  function ago(iso) {
    if (!iso) {
      return "—";
    }
    const diff = (Date.now() - Date.parse(iso)) / 1000;
    if (diff < 0) {
      return "in " + coarse(-diff);
    }
    if (diff < 1) {
      return "just now";
    }
    return coarse(diff) + " ago";
  }

  /** A time span rounded to its largest unit ("45 s", "11 min", "3 h", "2 d"): enough for "ago". */
  function coarse(s) {
    if (s < 60) {
      return Math.floor(s) + " s";
    }
    if (s < 3600) {
      return Math.floor(s / 60) + " min";
    }
    if (s < 86400) {
      return Math.floor(s / 3600) + " h";
    }
    return Math.floor(s / 86400) + " d";
  }

  function until(iso) {
    if (!iso) {
      return "—";
    }
    const diff = (Date.parse(iso) - Date.now()) / 1000;
    return diff <= 0 ? "due now" : "in " + coarse(Math.ceil(diff));
  }

  /** An ISO instant in the browser's local time, for tooltips and detail fields. */
  function time(iso) {
    return iso ? new Date(iso).toLocaleString() : "—";
  }

  /** A time element that shows "5 s ago" and the exact time as its tooltip. */
  function agoNode(iso) {
    return el("span", { title: iso ? time(iso) + " (" + iso + ")" : undefined }, ago(iso));
  }

  function duration(startIso, endIso) {
    if (!startIso || !endIso) {
      return "—";
    }
    const ms = Date.parse(endIso) - Date.parse(startIso);
    return ms < 1000 ? ms + " ms" : seconds(ms / 1000);
  }

  function schedule(s) {
    if (!s) {
      return "on request only";
    }
    if (s.interval_seconds) {
      return "every " + s.interval_seconds + " s";
    }
    if (s.cron) {
      return "cron " + s.cron + " (UTC)";
    }
    return s.on_source_change ? "on source change" : "on request only";
  }

  return {
    ApiError, api, tablePath, init, signedIn, el, fill, stateBadge, outcomeBadge, showMessage, clearMessage,
    number, seconds, ago, until, time, agoNode, duration, schedule,
  };
})();
