// Keys 1-9 tap the member with that number; 0 or space pauses. Ignored while typing.
document.addEventListener("keydown", function (event) {
  var tag = (event.target && event.target.tagName) || "";
  if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || event.ctrlKey || event.metaKey || event.altKey) return;
  var button = null;
  if (event.key >= "1" && event.key <= "9") {
    button = document.querySelector('button[data-key="' + event.key + '"]');
  } else if (event.key === "0" || event.key === " ") {
    button = document.querySelector("button[data-pause]");
  }
  if (button) { event.preventDefault(); button.click(); }
});
