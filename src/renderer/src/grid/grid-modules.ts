import {
  CellApiModule,
  CellStyleModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  CustomFilterModule,
  DateFilterModule,
  EventApiModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  NumberFilterModule,
  RenderApiModule,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  ScrollApiModule,
  TextFilterModule,
  TooltipModule,
  ValidationModule,
  type Module,
} from 'ag-grid-community';

// AG Grid 33+ renders (and answers API calls) only for registered modules. These are the
// Community ones the grid pages use; anything missing shows as an "error #200" at runtime.
const modules: Module[] = [
  InfiniteRowModelModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  CustomFilterModule,
  RowSelectionModule,
  RowStyleModule,
  CellStyleModule,
  CellApiModule,
  RowApiModule,
  RenderApiModule,
  ScrollApiModule,
  EventApiModule,
  TooltipModule,
];

// Full messages for misuse while developing; the production bundle stays lean.
if (import.meta.env.DEV) modules.push(ValidationModule);

ModuleRegistry.registerModules(modules);
