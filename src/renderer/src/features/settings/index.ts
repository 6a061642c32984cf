// The settings feature: one section per kind of setting, each saved through settings.update.
import './settings.css';

export { SettingsSections } from './settings-sections';
