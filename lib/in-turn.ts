/**
 * Runs tasks of the same key one after another, in the order they were given, while tasks of other
 * keys run alongside. A task's failure is its caller's alone: the next task of the key still runs.
 */
export function perKeyInTurn(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, task) => {
    const run = (tails.get(key) ?? Promise.resolve()).then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    // A key nobody waits on is forgotten, so the map holds only keys with work in hand.
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
