// Draws every <figure data-trend="KEY" data-src="URL"> with Apache ECharts (static/vendor/echarts):
// the figures come from the JSON at URL (one request per URL, however many charts read it), the
// chart is SVG, values show on hover, and the buttons save it as PNG or SVG with its title.
// The same figures are in the table under each chart, drawn by the server. Served from this
// site, so the Content-Security-Policy (script-src 'self') allows it: no inline script.
(function () {
  "use strict";

  var figures = document.querySelectorAll("figure[data-trend]");
  if (!figures.length || !window.echarts) {
    return;
  }
  var english = document.documentElement.lang.indexOf("zh") !== 0;
  var numbers = new Intl.NumberFormat(english ? "en" : "zh-CN", { maximumFractionDigits: 2 });
  var requests = {};

  function load(url) {
    if (!requests[url]) {
      requests[url] = fetch(url, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      }).then(function (response) {
        if (!response.ok) {
          throw new Error(url + ": " + response.status);
        }
        return response.json();
      });
    }
    return requests[url];
  }

  function shown(value) {
    return value === null || value === undefined ? "—" : numbers.format(value);
  }

  function option(chart, titled) {
    return {
      animation: !titled,
      title: { show: titled, text: chart.caption },
      tooltip: { trigger: "axis", valueFormatter: shown },
      legend: { type: "scroll", top: titled ? 32 : 0 },
      grid: { left: 8, right: 16, top: titled ? 72 : 40, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: chart.years },
      yAxis: { type: "value", minInterval: chart.unit ? 0 : 1, axisLabel: { formatter: shown } },
      series: chart.series.map(function (s) {
        return {
          name: s.name,
          type: chart.kind,
          stack: chart.stacked ? "total" : undefined,
          data: s.values,
          emphasis: { focus: "series" },
        };
      }),
    };
  }

  function download(url, name) {
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // The saved image carries the chart's title, so it stands on its own in a report. PNG is drawn
  // by ECharts' canvas renderer at twice the size, SVG by the SVG renderer, each off screen.
  function save(chart, canvas, type) {
    var holder = document.createElement("div");
    holder.style.width = canvas.clientWidth + "px";
    holder.style.height = canvas.clientHeight + 40 + "px";
    holder.style.position = "absolute";
    holder.style.left = "-10000px";
    document.body.appendChild(holder);
    var copy = window.echarts.init(holder, null, {
      renderer: type === "svg" ? "svg" : "canvas",
      locale: english ? "EN" : "ZH",
    });
    copy.setOption(option(chart, true));
    download(
      copy.getDataURL({ type: type, pixelRatio: 2, backgroundColor: "#fff" }),
      chart.title + "." + type,
    );
    copy.dispose();
    holder.remove();
  }

  function draw(figure, chart) {
    var canvas = figure.querySelector(".trend-canvas");
    if (!canvas) {
      return;
    }
    var instance = window.echarts.init(canvas, null, {
      renderer: "svg",
      locale: english ? "EN" : "ZH",
    });
    instance.setOption(option(chart, false));
    window.addEventListener("resize", function () {
      instance.resize();
    });
    var actions = figure.querySelector(".trend-actions");
    actions.hidden = false;
    actions.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-save]");
      if (button) {
        save(chart, canvas, button.dataset.save);
      }
    });
    figure.classList.add("trend-drawn");
  }

  figures.forEach(function (figure) {
    load(figure.dataset.src).then(function (data) {
      var chart = data.charts.filter(function (c) {
        return c.key === figure.dataset.trend;
      })[0];
      if (chart) {
        draw(figure, chart);
      }
    });
  });
})();
