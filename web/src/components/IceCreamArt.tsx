/** The store's mark: an ice-cream cone, drawn so that it needs no emoji font on the kiosk. */
export function IceCreamArt({ size = 160, className }: { size?: number; className?: string }) {
  return (
    <svg className={className} width={size} height={size} viewBox="0 0 64 64" aria-hidden="true">
      <path d="M20 30h24L33.5 60a2 2 0 0 1-3 0z" fill="#f2b46d" />
      <path d="M22.5 34l17 0M25 40l13 0M27.5 46l8 0" stroke="#d98b3a" strokeWidth="1.6" />
      <circle cx="24" cy="26" r="9" fill="#fff3e0" />
      <circle cx="40" cy="26" r="9" fill="#ffd1dc" />
      <circle cx="32" cy="17" r="11" fill="#ff7a95" />
      <circle cx="28" cy="13" r="3" fill="#fff" opacity=".55" />
      <path d="M40 5c2 0 3 2 2 4" stroke="#d7263d" strokeWidth="2.4" fill="none" strokeLinecap="round" />
      <circle cx="42" cy="10" r="3" fill="#d7263d" />
    </svg>
  );
}
