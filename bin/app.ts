import { App } from 'aws-cdk-lib';
import { addCreditService, readAppConfig } from '../lib/credit-service.ts';

const app = new App();
addCreditService(app, readAppConfig(app));
