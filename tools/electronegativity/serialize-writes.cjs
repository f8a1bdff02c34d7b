// Electronegativity 1.10.3 writes its CSV header (truncating) and its rows (appending) with two concurrent
// fs.writeFile calls, so the header can land on top of the first row. Loaded with `node -r`, this runs
// writeFile calls in the order they were made, which is the order the tool intended.
const fs = require('node:fs');

const original = fs.writeFile;
let queue = Promise.resolve();

fs.writeFile = function serializedWriteFile(file, data, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  const writeOptions = typeof options === 'function' ? undefined : options;
  queue = queue.then(
    () =>
      new Promise((resolve) => {
        original.call(fs, file, data, writeOptions ?? {}, (error) => {
          resolve();
          done?.(error);
        });
      }),
  );
};
