/**
 * The training worker's entry: receives shared datasets and runs fit tasks on them, one at a time. From
 * TypeScript source it is loaded through worker-bootstrap.cjs; in the Electron build it is a bundled chunk.
 */
import { parentPort, threadId } from 'node:worker_threads';
import { runFitTask } from './fit-tasks';
import '../ingest/import-worker'; // this entry also runs isolated imports (ingest/isolated.ts)
import type { FromWorker, SelfTestTask, SharedDataset, ToWorker, WorkerResult, WorkerTask } from './protocol';

const datasets = new Map<string, SharedDataset>();

function send(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

async function runSelfTest(task: SelfTestTask, dataset: SharedDataset | undefined): Promise<WorkerResult> {
  switch (task.behaviour) {
    case 'throw':
      throw new Error('self-test failure requested');
    case 'exit':
      process.exit(3);
      break;
    case 'oom': {
      const hog: number[][] = [];
      for (;;) hog.push(new Array(1_000_000).fill(Math.random()));
    }
    case 'sleep':
      await new Promise((resolve) => setTimeout(resolve, task.ms ?? 1000));
      break;
    case 'sum': {
      // proves the worker reads the shared memory the main thread wrote
      let sum = 0;
      if (dataset) for (const v of new Float64Array(dataset.x)) sum += v;
      return { kind: 'selftest', value: sum, threadId };
    }
  }
  return { kind: 'selftest', value: 0, threadId };
}

async function runTask(task: WorkerTask, dataset: SharedDataset | undefined, id: number): Promise<WorkerResult> {
  if (task.kind === 'selftest') return runSelfTest(task, dataset);
  if (!dataset) throw new Error(`Task ${task.kind} needs a dataset, and none was sent`);
  return runFitTask(task, dataset, (done, total) => send({ type: 'progress', id, done, total }));
}

parentPort?.on('message', (message: ToWorker) => {
  if (message.type === 'dataset') {
    datasets.set(message.dataset.id, message.dataset);
  } else if (message.type === 'forget') {
    datasets.delete(message.datasetId);
  } else if (message.type === 'run') {
    const dataset = message.datasetId ? datasets.get(message.datasetId) : undefined;
    runTask(message.task, dataset, message.id).then(
      (result) => {
        const transfer: ArrayBuffer[] = [];
        if (result.kind === 'fold') {
          transfer.push(result.raw.buffer as ArrayBuffer);
          if (result.permutation) transfer.push(result.permutation.buffer as ArrayBuffer);
        }
        send({ type: 'done', id: message.id, result }, transfer);
      },
      (err: unknown) => send({ type: 'failed', id: message.id, message: (err as Error)?.message ?? String(err) }),
    );
  }
});
