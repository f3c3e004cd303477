import { randomBytes } from 'node:crypto';
import { DataEncryption } from '../../../src/store/embedded/DataEncryption.js';
import { EmbeddedStore } from '../../../src/store/embedded/EmbeddedStore.js';
import type { TripleStore } from '../../../src/store/TripleStore.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { describeTripleStoreContract } from '../TripleStoreContract.js';

// The whole store contract again, with the journal and snapshots encrypted at rest.
describeTripleStoreContract('EmbeddedStore with encryption at rest', async () => {
  const directory = temporaryDirectory();
  const key = randomBytes(32);
  const open = async (): Promise<TripleStore> => {
    const store = new EmbeddedStore({ directory: directory.path, encryption: new DataEncryption(key) });
    await store.open();
    return store;
  };
  let current = await open();
  return {
    store: current,
    async reopen(): Promise<TripleStore> {
      await current.close();
      current = await open();
      return current;
    },
    async cleanup(): Promise<void> {
      await current.close();
      directory.remove();
    },
  };
});
