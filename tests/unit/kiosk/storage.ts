/** Test helper: a Storage over a Map. */
/** A Storage over a Map; `broken` throws like private mode or storage switched off. */
export function memoryStorage(broken = false): Storage {
  const map = new Map<string, string>();
  const check = () => {
    if (broken) throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => (check(), map.get(k) ?? null),
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => (check(), void map.set(k, v)),
  };
}
