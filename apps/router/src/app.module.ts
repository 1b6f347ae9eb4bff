import { Module } from '@nestjs/common';
import { PlatformModule } from '@otklik/platform';
import { AgencyFeedbackModule } from './agency-feedback/agency-feedback.module';
import { CitizenRepliesModule } from './citizen-replies/citizen-replies.module';
import { ClosingModule } from './closing/closing.module';
import { CorrectionsModule } from './corrections/corrections.module';
import { DirectoryModule } from './directory/directory.module';
import { IncidentsModule } from './incidents/incidents.module';
import { IntakeModule } from './intake/intake.module';
import { MisroutesModule } from './misroutes/misroutes.module';
import { OperatorActionsModule } from './operator-actions/operator-actions.module';

@Module({
  imports: [
    PlatformModule.forRoot('router'),
    IntakeModule,
    AgencyFeedbackModule,
    OperatorActionsModule,
    CorrectionsModule,
    CitizenRepliesModule,
    ClosingModule,
    DirectoryModule,
    IncidentsModule,
    MisroutesModule,
  ],
})
export class AppModule {}
