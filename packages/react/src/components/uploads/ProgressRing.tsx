'use client';

/** A ring filling with a fraction (0–1): a progressbar for assistive technology. */
export function ProgressRing({ value, label }: { value: number; label: string }) {
  const radius = 9;
  const circumference = 2 * Math.PI * radius;
  const percent = Math.round(value * 100);
  return (
    <svg
      className="banter-progress-ring"
      viewBox="0 0 24 24"
      width="24"
      height="24"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <circle
        cx="12"
        cy="12"
        r={radius}
        fill="none"
        stroke="currentColor"
        strokeOpacity="0.25"
        strokeWidth="3"
      />
      <circle
        cx="12"
        cy="12"
        r={radius}
        fill="none"
        stroke="currentColor"
        strokeWidth="3"
        strokeDasharray={circumference}
        strokeDashoffset={circumference * (1 - value)}
        transform="rotate(-90 12 12)"
      />
    </svg>
  );
}
