// Times written by scripts read exactly as the server writes them (core.timezones):
// the same language pattern, month and weekday names and zone label, taken from the
// #secretariat-when JSON the page carries. Scripts only write new instants (a live
// announcement) and tick clocks; every time is right in the HTML before they run.
(function (global) {
  "use strict";

  var config = null;
  function settings() {
    if (config === null) {
      var node = document.getElementById("secretariat-when");
      config = node ? JSON.parse(node.textContent) : { patterns: {}, labels: {} };
    }
    return config;
  }

  // Wall-clock parts of an instant in a zone, from the browser's tz database.
  function parts(date, zone) {
    var out = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
      hour: "2-digit", minute: "2-digit",
    }).formatToParts(date).forEach(function (p) { out[p.type] = p.value; });
    var y = +out.year, m = +out.month, d = +out.day, h = +out.hour % 24, i = +out.minute;
    var asUtc = Date.UTC(y, m - 1, d, h, i);
    var whole = Math.floor(date.getTime() / 60000) * 60000;
    return {
      y: y, m: m, d: d, h: h, i: i,
      offset: Math.round((asUtc - whole) / 60000), // minutes east of UTC
      weekday: (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7, // Monday = 0
    };
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // The subset of Django's date format letters our format modules use.
  function pattern(format, p) {
    var c = settings(), out = "";
    for (var k = 0; k < format.length; k++) {
      var ch = format[k];
      if (ch === "\\") { out += format[++k] || ""; continue; }
      switch (ch) {
        case "j": out += p.d; break;
        case "d": out += pad(p.d); break;
        case "n": out += p.m; break;
        case "m": out += pad(p.m); break;
        case "Y": out += p.y; break;
        case "F": out += c.months[p.m - 1]; break;
        case "E": out += c.monthsGenitive[p.m - 1]; break;
        case "H": out += pad(p.h); break;
        case "G": out += p.h; break;
        case "i": out += pad(p.i); break;
        case "D": out += c.weekdays[p.weekday]; break;
        default: out += ch;
      }
    }
    return out;
  }

  function offsetLabel(minutes) {
    if (!minutes) return "UTC";
    var sign = minutes > 0 ? "+" : "-", a = Math.abs(minutes);
    return "UTC" + sign + Math.floor(a / 60) + (a % 60 ? ":" + pad(a % 60) : "");
  }

  // format("2026-12-22T05:00:00Z") -> "22 December 2026, 14:00 JST (UTC+9)" for a viewer
  // in Tokyo; options: zone (default: the viewer's), style ("datetime", "time", "date",
  // "weekday"), labels (offset minutes -> label, for a zone other than the viewer's).
  function format(iso, options) {
    var c = settings(), o = options || {};
    var zone = o.zone || c.zone || "UTC";
    var p = parts(new Date(iso), zone);
    var style = o.style || "datetime";
    if (style === "weekday") return c.weekdays[p.weekday];
    var text = pattern(c.patterns[style] || c.patterns.datetime, p);
    if (style === "date") return text;
    var labels = o.labels || (zone === c.zone ? c.labels : {});
    return text + " " + (labels[String(p.offset)] || offsetLabel(p.offset));
  }

  // A <time> element like the server's {% when %}.
  function element(iso, options) {
    var node = document.createElement("time");
    node.dateTime = iso;
    node.dataset.zone = (options && options.zone) || settings().zone || "UTC";
    node.textContent = format(iso, options);
    return node;
  }

  global.SecretariatWhen = {
    format: format, element: element, parts: parts, pattern: pattern,
    offsetLabel: offsetLabel,
    settings: settings,
  };
})(window);
