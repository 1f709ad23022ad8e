import { MemoryStore, MemoryStoreData } from '../../../server/storage/memory-store'
import { describeStoreContract } from './contract'

describeStoreContract('memory', async () => {
  const data = new MemoryStoreData()
  return { open: async () => new MemoryStore(data) }
})
