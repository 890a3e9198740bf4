import type { Api } from './api.ts';

/** GET /v1/catalogue: the Chinese names of lists, departments and matters, read once per session. */
export interface CatalogueEntry {
  code: string;
  name: string;
}
export interface CatalogueList extends CatalogueEntry {
  kind: 'black' | 'red';
  severity: 'general' | 'serious' | null;
}

export interface Catalogue {
  lists: CatalogueList[];
  departments: CatalogueEntry[];
  matters: CatalogueEntry[];
  listName(code: string): string;
  departmentName(code: string): string;
  matterName(code: string): string;
}

export async function loadCatalogue(api: Api): Promise<Catalogue> {
  const body = await api.get<{ lists: CatalogueList[]; departments: CatalogueEntry[]; matters: CatalogueEntry[] }>('/v1/catalogue');
  const names = (entries: CatalogueEntry[]) => {
    const map = new Map(entries.map((e) => [e.code, e.name]));
    return (code: string) => map.get(code) ?? code;
  };
  return { ...body, listName: names(body.lists), departmentName: names(body.departments), matterName: names(body.matters) };
}
