import type { RecordDataset } from '../../../shared/catalogue';
import type { PageFilters } from './view-state';

/** What the grid's own components (facet filter, cells) need from the page, via AG Grid's `context`. */
export interface GridContext {
  dataset: RecordDataset;
  filters: () => PageFilters;
}
