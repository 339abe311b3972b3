// The frame of a screen loaded on first use (Shell.tsx lazy-loads every screen but the start ones, so
// the start-up bundle carries only what the first paint needs). While the screen's chunk loads, a
// skeleton in the page's layout stands in for it; should the chunk fail to load (a web build replaced
// on the server while an old page without the service worker still runs), a readable notice offers a
// reload instead of a blank app. Offline the chunks come from the service worker's precache.
import { Component, Suspense, type ContextType, type ReactNode } from 'react';
import { I18nContext } from '../i18n/i18n';
import './lazy-screen.css';

/** A page-shaped placeholder: a title bar and a few rows, announced as busy to assistive tech. */
export function ScreenSkeleton() {
  return (
    <I18nContext.Consumer>
      {({ t }) => (
        <div className="page screen-skeleton" aria-busy="true" data-testid="screen-skeleton">
          <span className="visually-hidden" role="status">
            {t('split.loading')}
          </span>
          <div className="skeleton-bar skeleton-title" aria-hidden />
          {[0, 1, 2, 3, 4].map((i) => (
            <div key={i} className="skeleton-bar skeleton-row" aria-hidden />
          ))}
        </div>
      )}
    </I18nContext.Consumer>
  );
}

type BoundaryState = { failed: boolean };

/**
 * Catches a screen whose chunk failed to load (or that failed to render): the notice replaces that
 * screen only, the navigation stays usable, and the error is logged.
 */
class ScreenBoundary extends Component<{ children: ReactNode }, BoundaryState> {
  static override contextType = I18nContext;
  declare context: ContextType<typeof I18nContext>;
  override state: BoundaryState = { failed: false };

  static getDerivedStateFromError(): BoundaryState {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error('screen failed to load', error);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    const { t } = this.context;
    return (
      <div className="page" role="alert" data-testid="screen-load-failed">
        <p>{t('split.failed')}</p>
        <p className="muted">{t('split.failedHint')}</p>
        <button onClick={() => window.location.reload()}>{t('split.reload')}</button>
      </div>
    );
  }
}

/** A lazily loaded screen: the skeleton while it loads, a notice if it cannot. Key it by the route. */
export function LazyScreen({ children }: { children: ReactNode }) {
  return (
    <ScreenBoundary>
      <Suspense fallback={<ScreenSkeleton />}>{children}</Suspense>
    </ScreenBoundary>
  );
}
