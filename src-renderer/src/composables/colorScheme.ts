import { onScopeDispose, ref, type Ref } from 'vue';

/** 'light' or 'dark', following the OS (prefers-color-scheme) and updating when it changes. */
export function useColorScheme(): Ref<'light' | 'dark'> {
  const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  const scheme = ref<'light' | 'dark'>(query?.matches ? 'dark' : 'light');
  const onChange = (event: MediaQueryListEvent) => (scheme.value = event.matches ? 'dark' : 'light');
  query?.addEventListener?.('change', onChange);
  onScopeDispose(() => query?.removeEventListener?.('change', onChange));
  return scheme;
}
