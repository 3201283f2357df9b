// A view loaded on first use (its own script chunk): the first page stays small.
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorState, Loading } from '../shared/ui';

export type LazyView<P> = ((props: P) => JSX.Element) & { preload: () => void };

export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): LazyView<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const start = (): Promise<ComponentType<P>> => {
    loading ??= load().then((c) => {
      loaded = c;
      return c;
    });
    return loading;
  };
  const view = function LazyView(props: P): JSX.Element {
    const [component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [error, setError] = useState<Error | null>(null);
    useEffect(() => {
      if (component) return;
      // Also when a preload finished between the first render and now.
      start().then(
        (c) => setComponent(() => c),
        (e: Error) => {
          loading = null; // a retry loads again
          setError(e);
        },
      );
    }, []);
    if (error) return <ErrorState error={error} onRetry={() => window.location.reload()} />;
    if (!component) return <Loading />;
    const View = component;
    return <View {...props} />;
  };
  // Loads the view's chunk ahead of its first render (the view of the URL, at start).
  view.preload = (): void => {
    start().catch(() => undefined);
  };
  return view;
}
