import type { CuratorApi } from '../../../shared/contract';

declare global {
  interface Window {
    /** The contract, exposed by the desktop preload; absent in browser mode. */
    curator?: CuratorApi;
  }
}

export {};
