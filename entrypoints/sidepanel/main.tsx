import { mountPage } from '@/components/mount-page';
import { SidepanelApp } from './sidepanel-app';
import '@/components/sidepanel/sidepanel.css';

void mountPage(() => <SidepanelApp />);
