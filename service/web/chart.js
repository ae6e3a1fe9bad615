// A small monthly time-series chart as inline SVG: bars for the monthly totals, with the
// months named under the first and last bar. Hidden (suppressed) months are marked.

export function monthlyChart(labels, values, width = 300, height = 110) {
  const pad = { left: 30, right: 6, top: 8, bottom: 20 };
  const w = width - pad.left - pad.right;
  const h = height - pad.top - pad.bottom;
  const known = values.filter((v) => v !== null && v !== undefined);
  const max = Math.max(1, ...known);
  const n = Math.max(values.length, 1);
  const slot = w / n;
  const bar = Math.max(2, slot * 0.7);
  const parts = [];
  parts.push(`<line x1="${pad.left}" y1="${pad.top + h}" x2="${pad.left + w}" y2="${pad.top + h}" stroke="#8c959f"/>`);
  parts.push(`<text x="${pad.left - 4}" y="${pad.top + 4}" text-anchor="end" font-size="10">${max}</text>`);
  parts.push(`<text x="${pad.left - 4}" y="${pad.top + h}" text-anchor="end" font-size="10">0</text>`);
  values.forEach((v, i) => {
    const x = pad.left + i * slot + (slot - bar) / 2;
    if (v === null || v === undefined) {
      parts.push(`<rect x="${x}" y="${pad.top + h - 6}" width="${bar}" height="6" fill="none" stroke="#8c959f" stroke-dasharray="2 2"><title>${labels[i]}: hidden</title></rect>`);
      return;
    }
    const bh = (v / max) * h;
    parts.push(`<rect class="bar" x="${x}" y="${pad.top + h - bh}" width="${bar}" height="${bh}" fill="#f03b20"><title>${labels[i]}: ${v}</title></rect>`);
  });
  if (labels.length) {
    parts.push(`<text x="${pad.left}" y="${height - 5}" font-size="10">${labels[0]}</text>`);
    parts.push(`<text x="${pad.left + w}" y="${height - 5}" text-anchor="end" font-size="10">${labels[labels.length - 1]}</text>`);
  }
  return `<svg class="monthly" role="img" aria-label="Incidents by month" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${parts.join('')}</svg>`;
}
