import { EmbeddedStore } from '../../../src/store/embedded/EmbeddedStore.js';
import type { TripleStore } from '../../../src/store/TripleStore.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { describeTripleStoreContract } from '../TripleStoreContract.js';

describeTripleStoreContract('EmbeddedStore', async () => {
  const directory = temporaryDirectory();
  let current: TripleStore = new EmbeddedStore({ directory: directory.path });
  await current.open();
  const fixture = {
    store: current,
    async reopen(): Promise<TripleStore> {
      await current.close();
      current = new EmbeddedStore({ directory: directory.path });
      await current.open();
      return current;
    },
    async cleanup(): Promise<void> {
      await current.close();
      directory.remove();
    },
  };
  return fixture;
});
