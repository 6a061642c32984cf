export interface ErrorBannerProps {
  title: string;
  message: string;
  onRetry?: () => void;
}

/** A problem the user must see: announced by screen readers, never a silent empty grid. */
export function ErrorBanner({ title, message, onRetry }: ErrorBannerProps) {
  return (
    <div className="error-banner" role="alert">
      <div>
        <strong className="error-banner__title">{title}</strong>
        <p className="error-banner__message">{message}</p>
      </div>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
