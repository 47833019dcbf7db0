import { Typography } from 'antd';

/** One labelled horizontal bar per key: a chart without a charting library. */
export function Bars({ title, counts, label }: { title: string; counts: Record<string, number>; label: (k: string) => string }) {
  const max = Math.max(1, ...Object.values(counts));
  return (
    <div data-testid="report-bars">
      <Typography.Text strong>{title}</Typography.Text>
      {Object.entries(counts)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => (
          <div key={k} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <span style={{ width: 96, overflow: 'hidden', textOverflow: 'ellipsis' }}>{label(k)}</span>
            <span role="meter" aria-label={label(k)} aria-valuenow={n} aria-valuemin={0} aria-valuemax={max} style={{ height: 12, width: `${(n / max) * 60}%`, background: '#1677ff', borderRadius: 2 }} />
            <span>{n}</span>
          </div>
        ))}
    </div>
  );
}

