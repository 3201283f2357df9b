// A view loaded on first use (its own script chunk): the first page stays small.
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorState, Loading } from '../shared/ui';

export function lazyView<P extends object>(
  load: () => Promise<ComponentType<P>>,
): (props: P) => JSX.Element {
  let loaded: ComponentType<P> | null = null;
  return function LazyView(props: P): JSX.Element {
    const [component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [error, setError] = useState<Error | null>(null);
    useEffect(() => {
      if (loaded) return;
      load().then(
        (c) => {
          loaded = c;
          setComponent(() => c);
        },
        (e: Error) => setError(e),
      );
    }, []);
    if (error) return <ErrorState error={error} onRetry={() => window.location.reload()} />;
    if (!component) return <Loading />;
    const View = component;
    return <View {...props} />;
  };
}
