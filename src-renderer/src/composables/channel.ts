/**
 * One read-only call with its states, for cards that show what a channel answers: missing (the build has
 * no such channel yet), loading, error, or data. `load()` again to refresh.
 */
import { ref, shallowRef, type Ref } from 'vue';
import { errorMessage, useClient, type ClientChannel, type InputOf, type OutputOf } from '../api/client';

export interface ChannelState<K extends ClientChannel> {
  data: Ref<OutputOf<K> | null>;
  loading: Ref<boolean>;
  error: Ref<string | null>;
  available: boolean;
  load(): Promise<void>;
}

export function useChannel<K extends ClientChannel>(channel: K, input: () => InputOf<K>): ChannelState<K> {
  const client = useClient();
  const data = shallowRef<OutputOf<K> | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let sequence = 0;
  async function load(): Promise<void> {
    if (!client.has(channel)) return;
    const mine = ++sequence;
    loading.value = true;
    try {
      const answer = await client.call(channel, input());
      if (mine === sequence) {
        data.value = answer;
        error.value = null;
      }
    } catch (err) {
      if (mine === sequence) error.value = errorMessage(err);
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }
  return { data, loading, error, available: client.has(channel), load };
}
