// Turns each `.stepthrough` list of frames into a player with previous / next / play.
// Without this script every frame stays visible, in order, as a plain list.
(function () {
  "use strict";

  function setUp(box) {
    var list = box.querySelector(":scope > ul, :scope > ol");
    if (!list) return;
    var frames = Array.prototype.slice.call(list.children);
    if (frames.length < 2) return;
    var labels = box.dataset;
    var current = 0;
    var timer = null;

    function button(text, onClick) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "md-button";
      b.textContent = text;
      b.addEventListener("click", onClick);
      return b;
    }

    function show(index) {
      current = Math.max(0, Math.min(frames.length - 1, index));
      frames.forEach(function (frame, k) { frame.hidden = k !== current; });
      counter.textContent = (current + 1) + " / " + frames.length;
      prev.disabled = current === 0;
      next.disabled = current === frames.length - 1;
    }

    function stop() {
      clearInterval(timer);
      timer = null;
      play.textContent = labels.play;
    }

    function togglePlay() {
      if (timer) { stop(); return; }
      if (current === frames.length - 1) show(0);
      play.textContent = labels.pause;
      timer = setInterval(function () {
        if (current >= frames.length - 1) stop(); else show(current + 1);
      }, 1600);
    }

    var prev = button(labels.prev, function () { stop(); show(current - 1); });
    var play = button(labels.play, togglePlay);
    var next = button(labels.next, function () { stop(); show(current + 1); });
    var counter = document.createElement("span");
    counter.className = "stepthrough-counter";
    counter.setAttribute("aria-live", "polite");

    var controls = document.createElement("div");
    controls.className = "stepthrough-controls";
    [prev, play, next, counter].forEach(function (el) { controls.appendChild(el); });
    box.insertBefore(controls, list);

    // One frame at a time: the list's bullets would only get in the way.
    list.style.listStyle = "none";
    list.style.marginLeft = "0";
    box.classList.add("is-player");
    box.tabIndex = 0;
    box.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") { stop(); show(current - 1); }
      if (event.key === "ArrowRight") { stop(); show(current + 1); }
    });
    show(0);
  }

  document.querySelectorAll(".stepthrough").forEach(setUp);
})();
