import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

interface Props {
  label: string;
  labels: string[];
  values: number[];
  format(value: number): string;
  horizontal?: boolean;
  height?: number;
}

/** A Chart.js bar chart, with the same numbers in a visually hidden table for screen readers. */
export function BarChart({ label, labels, values, format, horizontal = false, height = 220 }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!canvas.current) return;
    const accent = getComputedStyle(document.documentElement).getPropertyValue('--sy-accent').trim() || '#3b5bdb';
    const text = getComputedStyle(document.documentElement).getPropertyValue('--sy-text-muted').trim() || '#666';
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels, datasets: [{ label, data: values, backgroundColor: accent, borderRadius: 3 }] },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        animation: false,
        maintainAspectRatio: false,
        plugins: { tooltip: { callbacks: { label: (item) => format(Number(item.raw)) } } },
        scales: {
          x: { ticks: { color: text, ...(horizontal ? { callback: (v) => format(Number(v)) } : {}) }, grid: { display: horizontal } },
          // Every bar of a horizontal chart keeps its name: Chart.js would otherwise drop some to save room.
          y: { ticks: { color: text, ...(!horizontal ? { callback: (v) => format(Number(v)) } : { autoSkip: false }) }, grid: { display: !horizontal } },
        },
      },
    });
    return () => chart.destroy();
  }, [label, labels, values, format, horizontal]);

  return (
    <figure className="sy-chart">
      <figcaption>{label}</figcaption>
      <div style={{ height }}>
        <canvas ref={canvas} role="img" aria-label={label} />
      </div>
      <table className="sy-visually-hidden">
        <tbody>
          {labels.map((l, i) => (
            <tr key={l}>
              <th scope="row">{l}</th>
              <td>{format(values[i] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
