# A avaliação de maturidade (Markdown, HTML, textos do JSON) e o docs/maturity-report.md do kit.
# Termos: ver GLOSSARY.md. Os placeholders recebem texto já formatado (números com vírgula decimal).

## Títulos e rótulos do relatório

report-title = Avaliação de maturidade em MLOps: { $client }
report-use-case = Caso de uso:
report-decision = Decisão apoiada pelo modelo:
report-google-level = Nível de MLOps do Google Cloud
report-microsoft-level = Nível de maturidade em MLOps da Microsoft
report-level-of = { $level } de { $top } ({ $name })
report-of-top = de { $top }
report-blockers = Impedimentos
report-ready = pronto para começar
report-settle-first = resolver antes de começar
report-business-case = Caso de negócio
report-today = Hoje
report-with-kit = Com o kit
report-kpi-owner = Responsável pelo KPI: { $owner }.
report-cost-of-error = O custo de uma previsão errada é { $cost }.
report-dimension-scores = Pontuação por dimensão
report-dimension = Dimensão
report-score = Pontuação
report-criteria-points = Critérios (pontos obtidos de possíveis)
report-chart-title = Pontuação por dimensão, de 0 a 100
report-maturity-levels = Níveis de maturidade
report-levels-rule = Um nível só é atingido quando todos os seus critérios são atendidos, assim como todos os níveis abaixo dele.
report-model-level = { $model }: nível { $level }
report-level-status = Nível { $level } ({ $name }): { $status }
report-level = Nível
report-criterion = Critério
report-met = Atendido
report-yes = sim
report-no = não
report-holds = atingido
report-not-reached = não atingido
report-to-reach = Para chegar ao nível { $level }:
report-no-blockers = Nenhum: nada precisa ser resolvido antes de começar o trabalho na plataforma.
report-kit-change = O que muda no kit:
report-roadmap = Roteiro
report-no-phase = Nenhuma fase é necessária: todas as práticas que o kit traz já estão em uso.
report-phase = Fase { $number }: { $name }
report-business-outcome = Resultado para o negócio:
report-kit-header = Gerado pelo mlops-kit { $version } a partir do questionário em .mlops-kit/. Regenerado a cada atualização.

## Tabela do caso de negócio

frame-lead-time = Prazo de implantação
frame-release-frequency = Frequência de novas versões
frame-kpi-named = KPI: { $name }
frame-kpi = KPI
frame-kpi-none = nenhum acordado
frame-kpi-workshop = acordado em uma oficina de valor
frame-models = Modelos em produção
frame-models-in-a-year = { $count } em um ano

lead-time-never = nunca: nenhum modelo chegou à produção até agora
lead-time-months = meses (mais de um mês entre a aprovação e a produção)
lead-time-weeks = semanas (de uma a quatro semanas entre a aprovação e a produção)
lead-time-days = dias (de um a sete dias entre a aprovação e a produção)
lead-time-hours = horas (menos de um dia entre a aprovação e a produção)
lead-time-short-never = sem implantações
lead-time-short-months = meses
lead-time-short-weeks = semanas
lead-time-short-days = dias
lead-time-short-hours = horas
lead-time-change-first = para horas, desde a primeira versão
lead-time-change-hours = continua em horas, com menos etapas manuais
lead-time-change = de { $from } para horas
lead-time-target = horas: um modelo aprovado no critério de avaliação chega à produção pelo Cloud Build no mesmo dia
lead-time-target-approval = horas: um modelo aprovado no critério de avaliação chega à produção pelo Cloud Build no mesmo dia, depois da aprovação de uma pessoa

release-never = nunca: nenhuma versão de modelo foi publicada
release-yearly = uma ou duas vezes por ano
release-quarterly = mais ou menos a cada trimestre
release-monthly = mais ou menos todo mês
release-weekly = toda semana ou com mais frequência
release-target = { $cadence }; toda versão precisa atingir { $gate }
cadence-static = sempre que o código ou o conjunto de dados mudar
cadence-monthly = todo mês, conforme chegam novos dados rotulados
cadence-weekly = toda semana ou com mais frequência, conforme chegam novos dados rotulados

metric-roc-auc = ROC AUC
metric-pr-auc = PR AUC
metric-accuracy = acurácia
metric-f1 = F1
metric-precision = precisão
metric-recall = revocação (recall)
metric-rmse = RMSE
metric-mae = MAE
metric-mape = MAPE
metric-r2 = R²
gate-at-most = { $metric } de no máximo { $threshold }
gate-at-least = { $metric } de no mínimo { $threshold }

cost-low = baixo: uma previsão errada é um pequeno incômodo
cost-medium = médio: uma previsão errada custa dinheiro ou a confiança do cliente
cost-high = alto: uma previsão errada causa perda financeira significativa
cost-critical = crítico: uma previsão errada tem consequências de segurança, jurídicas ou regulatórias
cost-approved = { $cost }; uma pessoa aprova cada versão que vai para produção
cost-should-approve = { $cost }; uma pessoa deveria aprovar cada versão que vai para produção, o que as respostas ainda não preveem
cost-no-approval = { $cost }; um modelo aprovado no critério de avaliação pode chegar à produção sem aprovação de uma pessoa

## Dimensões e seus critérios

dim-business-alignment = Alinhamento com o negócio
dim-data-readiness = Prontidão dos dados
dim-reproducibility = Reprodutibilidade
dim-release-automation = Automação de implantação
dim-continuous-training = Retreinamento contínuo
dim-monitoring = Monitoramento
dim-platform-and-security = Plataforma e segurança
dim-people-and-governance = Pessoas e governança

crit-kpi-agreed = Há um KPI de negócio acordado, com valor atual e meta
crit-kpi-owner = O KPI tem um responsável nomeado na área de negócio
crit-decision-written = A decisão apoiada pelas previsões está documentada
crit-sponsor = Um patrocinador executivo com orçamento apoia o trabalho
crit-model-in-production = Pelo menos um modelo já atende a produção
crit-data-in-cloud = Os dados de treinamento estão no Google Cloud (BigQuery, Cloud Storage, Cloud SQL)
crit-primary-source = A fonte principal é o BigQuery ou o Cloud Storage, que os pipelines leem diretamente
crit-labelled-data = Novos dados rotulados continuam chegando
crit-ground-truth-soon = O resultado real é conhecido logo após a previsão (dias: pontuação total; meses: metade)
crit-data-validated = Os dados são validados automaticamente antes do treinamento
crit-code-in-git = Código no Git (com revisão por pull request: pontuação total)
crit-experiments-tool = Experimentos registrados em uma ferramenta (documentos: parcial)
crit-orchestrated-partial = O treinamento roda como um pipeline orquestrado (script: parcial)
crit-registry-partial = Modelos versionados em um registro (arquivos em um bucket: parcial)
crit-ci-pipelines = A CI testa os pipelines de ML (testes unitários de ML ou CI só da aplicação: parcial)
crit-iac = Toda a infraestrutura como código (uma parte: parcial)
crit-environments = Ambientes separados de desenvolvimento, homologação e produção (desenvolvimento e produção: parcial)
crit-canary = Modelos implantados por CI/CD com canário (CI/CD ou scripts: parcial)
crit-rollback = O modelo anterior pode ser restaurado em minutos
crit-retraining-automatic = O retreinamento começa sozinho (por deriva de dados: pontuação total; por agenda ou novos dados: quase total)
crit-orchestrated = O treinamento roda como um pipeline orquestrado
crit-model-compared = Um novo modelo é comparado automaticamente com o modelo em produção
crit-data-to-retrain = Novos dados rotulados continuam chegando para o retreinamento
crit-monitoring = Monitoramento em produção da deriva de dados e do KPI de negócio (só deriva, métricas offline ou infraestrutura: parcial)
crit-ground-truth-live = O resultado real chega e permite medir a acurácia em produção (dias: pontuação total; meses: metade)
crit-retraining-drift = O retreinamento reage à deriva de dados
crit-tabular = Modelo tabular: o Vertex AI Model Monitoring se aplica diretamente
crit-iam = A equipe pode criar projetos, contas de serviço e permissões do IAM
crit-project-per-env = Um projeto do Google Cloud por ambiente
crit-network = Rede VPC privada ou compartilhada (rede padrão: parcial)
crit-cmek = Chaves de criptografia gerenciadas pelo cliente (desativadas, sem dados pessoais: parcial)
crit-vpcsc = Perímetro do VPC Service Controls (desativado, sem dados pessoais: parcial)
crit-organization = Os projetos ficam em uma organização (políticas e IAM centralizados)
crit-reviewed = As mudanças são revisadas por pull requests
crit-business-owner = Um responsável nomeado na área de negócio responde pelo KPI
crit-approval-fits = A aprovação para produção condiz com o custo de uma previsão errada (uma pessoa aprova quando ele é alto ou crítico)
crit-personal-data-governed = Os dados pessoais têm suas regulações identificadas e são protegidos por CMEK e VPC Service Controls (ou não há dados pessoais)
crit-experiments-shared = Os experimentos ficam registrados onde a equipe pode compartilhá-los

## Modelos de maturidade e critérios de cada nível

model-google = Google Cloud, “MLOps: entrega contínua e pipelines de automação em aprendizado de máquina”
model-microsoft = Microsoft, “Modelo de maturidade de operações de aprendizado de máquina”
level-google-0 = Processo manual
level-google-1 = Automação do pipeline de ML
level-google-2 = Automação do pipeline de CI/CD
level-microsoft-0 = Sem MLOps
level-microsoft-1 = DevOps, mas sem MLOps
level-microsoft-2 = Treinamento automatizado
level-microsoft-3 = Implantação automatizada de modelos
level-microsoft-4 = Operações de MLOps totalmente automatizadas

gate-orchestrated-not-notebook = O treinamento roda como um pipeline orquestrado, e não em um notebook ou script
gate-retraining-automatic = O retreinamento começa sozinho (por agenda, novos dados ou deriva de dados)
gate-data-validated = Os dados são validados automaticamente antes do treinamento
gate-model-compared = Um novo modelo é comparado automaticamente com o modelo em produção
gate-metadata = Execuções, parâmetros e métricas ficam registrados em uma ferramenta de acompanhamento (metadados de ML)
gate-ci-pipelines = A CI constrói e testa os próprios pipelines de ML
gate-reviewed = O código dos pipelines é revisado por pull requests
gate-registry-versioned = Os modelos treinados são versionados em um registro de modelos
gate-cicd-deploys = Os modelos são implantados por CI/CD, e não manualmente
gate-iac = Toda a infraestrutura é definida como código
gate-environments = As versões são promovidas por ambientes separados
gate-version-control = O código está sob controle de versão
gate-ci-application = A CI constrói e testa pelo menos o código da aplicação
gate-scripted-releases = As implantações são automatizadas por scripts, e não repassadas a outra equipe
gate-orchestrated = O treinamento roda como um pipeline orquestrado
gate-experiments-tracked = Os experimentos são registrados em uma ferramenta
gate-registry-central = Os modelos são gerenciados de forma centralizada em um registro de modelos
gate-ci-ml-tests = A CI roda testes do código de ML
gate-progressive = Os modelos são implantados por CI/CD com liberação canário ou teste A/B
gate-validated-before-release = Um novo modelo é validado automaticamente antes da implantação
gate-rollback = O modelo anterior pode ser restaurado em minutos
gate-drift-kpi-monitored = A deriva de dados e o KPI de negócio são monitorados de forma centralizada em produção
gate-retraining-metrics = O retreinamento é disparado por métricas de produção (deriva de dados ou queda de desempenho)

## Impedimentos

cloud-aws = AWS
cloud-azure = Azure
cloud-oracle = Oracle Cloud
task-tabular-classification = classificação tabular
task-tabular-regression = regressão tabular
task-forecasting = previsão de séries temporais
task-vision = visão computacional
task-text = texto
task-generative = generativo
source-on-premises = infraestrutura local: { $system }

blocker-data-title = Os dados de treinamento não estão no Google Cloud
blocker-data-why = Os pipelines no Vertex AI leem do BigQuery ou do Cloud Storage; os dados de treinamento que o pipeline deste cliente lê estão fora do Google Cloud ({ $system }). O retreinamento contínuo e o monitoramento de distorção entre treino e produção só funcionam depois que os dados chegarem à nuvem.
blocker-data-kit = O kit cria um bucket de recepção em cada ambiente e o pipeline lê os dados de treinamento de lá; o roteiro começa com uma fase de migração dos dados (primeiro uma exportação copiada manualmente, depois uma transferência agendada), e o retreinamento contínuo e o monitoramento passam a usar dados reais assim que eles chegarem.
blocker-kpi-title = Nenhum KPI de negócio foi acordado
blocker-kpi-why = Sem um KPI, um valor atual e uma meta, ninguém consegue dizer se vale a pena publicar um novo modelo, e a plataforma corre o risco de virar tecnologia pela tecnologia.
blocker-kpi-kit = O roteiro começa com uma oficina de valor para acordar o KPI e seu responsável; o critério de promoção usa apenas a métrica de avaliação, e nenhum monitoramento do KPI é planejado enquanto ele não existir.
blocker-vcs-title = O código de ML não está sob controle de versão
blocker-vcs-why = CI/CD, revisões e treinamento reproduzível partem de um repositório Git; hoje não existe nenhum.
blocker-vcs-kit = O primeiro passo da fase de fundações é criar o repositório e levar para ele os notebooks e scripts; os gatilhos do Cloud Build só são conectados depois que ele existir.
blocker-iam-title = A equipe não pode criar projetos nem permissões do IAM
blocker-iam-why = O Terraform do kit cria contas de serviço e vínculos do IAM; sem essas permissões, a equipe não consegue aplicá-lo.
blocker-iam-kit = O Terraform precisa ser aplicado pela equipe de plataforma do cliente: o roteiro inclui a entrega dos projetos, das contas de serviço e das permissões do IAM de que o kit precisa antes de qualquer outra coisa.
blocker-truth-title = O resultado real nunca é conhecido
blocker-truth-why = O resultado verdadeiro de uma previsão nunca chega, então não é possível medir a acurácia em produção.
blocker-truth-kit = O monitoramento acompanha apenas a deriva de dados e a distorção entre treino e produção; o retreinamento por queda de desempenho fica de fora, e quem dispara o retreinamento é a deriva de dados ou uma agenda.
blocker-monitoring-title = O Vertex AI Model Monitoring não se aplica a este modelo
blocker-monitoring-why = O Vertex AI Model Monitoring calcula distorção e deriva para cada atributo tabular; um modelo de { $task } precisa de um monitoramento pensado para suas entradas e saídas.
blocker-monitoring-kit = O Vertex AI Model Monitoring não cobre modelos de { $task }, e o pipeline de deriva do kit também não (os dois comparam colunas de atributos tabulares); por isso o kit não configura nenhum dos dois e nenhum alerta de deriva será emitido. O que o kit oferece no lugar: { $offer }, o critério de avaliação que todo modelo retreinado precisa cumprir antes da promoção e alertas de execuções de pipeline e de builds com falha. Verificações de deriva nas próprias entradas (por exemplo, distâncias entre embeddings) ficam para a fase de monitoramento do roteiro.
blocker-monitoring-offer-online = um registro de cada previsão amostrada (o endpoint grava requisições e respostas no BigQuery) para acompanhar a distribuição das previsões
blocker-monitoring-offer-batch = um registro de cada previsão (a saída do processamento em lote) para acompanhar a distribuição das previsões
blocker-monitoring-offer-both = um registro das previsões (o endpoint grava no BigQuery uma amostra de requisições e respostas; as previsões em lote ficam na saída do lote) para acompanhar sua distribuição
blocker-controls-title-both = Dados pessoais sem chaves de criptografia nem perímetro de serviço
blocker-controls-title-cmek = Dados pessoais sem chaves de criptografia gerenciadas pelo cliente
blocker-controls-title-vpcsc = Dados pessoais sem perímetro de serviço
blocker-controls-missing-both = nem as chaves de criptografia gerenciadas pelo cliente nem o VPC Service Controls estão ativados
blocker-controls-missing-cmek = as chaves de criptografia gerenciadas pelo cliente não estão ativadas
blocker-controls-missing-vpcsc = o VPC Service Controls não está ativado
blocker-controls-decision-both = uma decisão sobre CMEK e VPC Service Controls
blocker-controls-decision-cmek = uma decisão sobre CMEK
blocker-controls-decision-vpcsc = uma decisão sobre VPC Service Controls
blocker-controls-kind-sensitive = dados pessoais sensíveis
blocker-controls-kind-personal = dados pessoais
blocker-controls-why = O modelo usa { $kind }, mas { $missing }; a decisão cabe aos responsáveis por segurança e ao encarregado de proteção de dados (DPO) do cliente antes que os dados cheguem à plataforma.
blocker-controls-kit = O roteiro inclui { $decision } com o encarregado de proteção de dados antes que qualquer dado pessoal seja copiado; registre a resposta em { $setting } e gere o kit novamente, pois as configurações seguem a resposta.
blocker-sponsor-title = Sem patrocinador executivo
blocker-sponsor-why = Ninguém com orçamento apoia o projeto, então as mudanças na forma de publicar modelos podem ficar paradas.
blocker-sponsor-kit = O roteiro começa garantindo um patrocinador antes do trabalho na plataforma; o kit em si não depende desta resposta e é gerado para todos os ambientes listados.

## Roteiro

phase-readiness = Preparação
phase-foundations = Fundações
phase-continuous-training = Retreinamento contínuo
phase-continuous-delivery = Entrega contínua
phase-monitoring = Monitoramento
phase-monitoring-drift = Monitoramento e retreinamento por deriva de dados

kpi-phrase = { $name } (hoje { $baseline }, meta { $target })
kpi-phrase-none = o KPI acordado na fase 0
kpi-name-none = o KPI de negócio

step-sponsor = Garantir um patrocinador executivo com orçamento para o projeto
step-value-workshop = Oficina de valor: acordar o KPI que o modelo influencia, seu valor atual, a meta e o responsável
step-land-data = Levar os dados de treinamento para o Cloud Storage ou o BigQuery em { $region } com uma transferência agendada
step-iam-handover = Combinar com a equipe de plataforma quem aplica o Terraform e obter os projetos, as contas de serviço e as permissões do IAM de que o kit precisa
step-decide-controls = Decidir sobre chaves de criptografia gerenciadas pelo cliente e VPC Service Controls com o encarregado de proteção de dados antes que dados pessoais sejam copiados
outcome-readiness = Remove o que travaria o projeto, para que as próximas fases partam de dados e de um objetivo acordado com o negócio: { $kpi }

step-git-review = Manter o código de ML no { $host } com revisão por pull request
step-separate-projects = Projetos separados do Google Cloud para cada ambiente: { $environments }
step-terraform = Criar buckets, Artifact Registry, contas de serviço e recursos do Vertex AI com o Terraform do kit
step-terraform-platform-team = Criar buckets, Artifact Registry, contas de serviço e recursos do Vertex AI com o Terraform do kit, aplicado pela equipe de plataforma
step-ci = CI no Cloud Build a cada pull request: lint, testes unitários do código de ML e build do contêiner
step-experiments = Registrar execuções, parâmetros e métricas no Vertex AI Experiments
step-registry = Versionar cada modelo treinado no Vertex AI Model Registry
outcome-foundations = Toda mudança é revisada, testada e reproduzível: a base para levar o prazo de implantação { $change }
host-gitlab-self-managed = GitLab autogerenciado

step-pipeline = Transformar o treinamento em { $framework } em um pipeline do Vertex AI: extrair do { $source }, validar, treinar, avaliar e registrar
trigger-schedule = na agenda { $cron } ({ $timezone })
trigger-any-schedule = em uma agenda
trigger-new-data = quando chegarem novos dados
trigger-drift = quando o monitoramento de deriva de dados emitir um alerta
step-retrain-by-hand = Retreinar manualmente: uma pessoa aciona o gatilho de retreinamento contínuo (nenhum retreinamento automático foi pedido)
step-retrain-automatically = Retreinar automaticamente { $triggers }
step-validate-data = Validar os dados automaticamente antes do treinamento (esquema e estatísticas)
step-register-gate = Registrar um novo modelo só quando ele atingir { $gate } e superar o modelo em produção
step-after-landing = Começa quando os dados de treinamento estiverem no Google Cloud (fase 0)
outcome-ct-by-hand = Todo retreinamento, mesmo iniciado manualmente, roda o mesmo pipeline verificado, e um modelo desatualizado é substituído sem prejudicar { $kpi }
outcome-ct = O modelo é retreinado e verificado sem depender de uma pessoa, e um modelo desatualizado não prejudica { $kpi }

step-ci-pipelines = A CI compila e testa os próprios pipelines, e não só o código da aplicação
step-promote = O Cloud Build promove um modelo registrado por { $environments }
step-release-to = O Cloud Build implanta um modelo registrado em { $environment }
step-approval-waits = As implantações em produção aguardam a aprovação de uma pessoa no Cloud Build
step-add-approval = Incluir uma aprovação para produção no Cloud Build: uma previsão errada custa caro
step-canary = Liberação canário: o novo modelo recebe { $share }% do tráfego antes de assumir todo ele
step-rollback = Voltar à versão anterior do modelo com um único comando
outcome-cd = O prazo de implantação vai { $change }; cada versão é rastreável dos dados até o modelo em produção
list-then = , depois{" "}

step-custom-monitoring = Monitoramento próprio das estatísticas de entrada e da distribuição das previsões a cada { $hours } h, com alertas
step-model-monitoring = Vertex AI Model Monitoring no endpoint: limite de deriva { $drift }, limite de distorção { $skew }, a cada { $hours } h, amostragem de { $sampling }
step-batch-checks = Verificações de distorção e deriva nas entradas de cada execução de previsão em lote (limite { $drift })
step-drift-only = Só deriva de dados: o resultado real nunca chega, então a acurácia em produção não é acompanhada
step-join-truth = Cruzar o resultado real à medida que ele chega ({ $delay }) para acompanhar { $metric } em produção junto com { $kpi }
label-delay-immediate = na hora
label-delay-days = em poucos dias
label-delay-months = depois de semanas ou meses
label-delay-never = nunca
step-drift-retraining = Alertas de deriva de dados disparam o retreinamento (coletor do Cloud Logging para o Pub/Sub e daí para o pipeline)
outcome-monitoring = A deriva nas entradas, ou { $kpi } se afastando da meta, é detectada em até { $hours } horas, e não quando alguém percebe
word-and = e
cadence-generative = sempre que uma nova versão de prompt ou um modelo ajustado estiver pronto, por meio de um pull request revisado

## Casos de uso generativos

crit-genai-prompts-versioned = Os prompts estão sob controle de versão e só mudam por pull requests revisados
crit-genai-experiments = Experimentos de prompt e de ajuste registrados em uma ferramenta (documentos: parcial)
crit-genai-registry = Versões de prompts e de modelos registradas em um registro (arquivos em um bucket: parcial)
crit-genai-evaluation-set = Um conjunto de dados de avaliação mede a qualidade (sem ele, nenhuma versão pode ser julgada)
crit-genai-evaluation-size = O conjunto de avaliação tem 200 exemplos ou mais (menos ou desconhecido: parcial)
crit-genai-compared = Uma versão candidata é comparada automaticamente com a de produção antes da implantação
crit-genai-orchestrated = A avaliação roda como um pipeline orquestrado
crit-genai-both-metrics = As versões passam por métricas calculadas e por métricas avaliadas por modelo
crit-genai-monitored = A qualidade em produção é monitorada hoje (infraestrutura ou métricas offline: parcial)
crit-genai-logged = Prompts e respostas são registrados sem vazar dados pessoais (anonimizados quando pessoais)
crit-genai-human-review = Pessoas revisam uma amostra das respostas de produção
crit-genai-guardrails = Proteções filtram entradas e saídas

genai-rubric = a rubrica `{ $name }`
genai-gate = { $metrics } no conjunto de avaliação, sem piora em relação à produção
genai-step-prompt-pipeline = Transformar os experimentos de prompt em prompts versionados e no pipeline de avaliação: pontuar o prompt candidato e o de produção no conjunto de avaliação e promover só o melhor
genai-step-tuning-pipeline = Transformar os experimentos de ajuste no pipeline de ajuste: validar os exemplos, rodar o job de ajuste do Vertex AI, avaliar contra a produção e registrar o modelo ajustado
genai-step-log = Registrar prompts e respostas no BigQuery e avaliar uma amostra do tráfego de produção a cada { $hours } h com as métricas de implantação
genai-step-log-redacted = Registrar prompts e respostas no BigQuery, antes anonimizados pelo Sensitive Data Protection, e avaliar uma amostra do tráfego de produção a cada { $hours } h com as métricas de implantação
genai-step-agree-logging = Combinar com o encarregado de proteção de dados quais prompts e respostas podem ser registrados: sem registros, a qualidade em produção só pode ser medida no conjunto de avaliação
genai-step-alerts = Alertas de latência, erros, consumo de tokens e respostas bloqueadas pelos filtros de segurança
genai-step-human-review = Pessoas revisam toda semana uma amostra das respostas de produção e levam o que encontram para o conjunto de avaliação
genai-step-guardrails = Proteções nas entradas e saídas: configurações de segurança, temas bloqueados e verificação do que o assistente pode revelar
genai-step-dashboards = Painéis com a evolução das notas de qualidade ao lado do KPI

blocker-genai-evaluation-title = Sem conjunto de dados de avaliação
blocker-genai-evaluation-why = Sem um conjunto de dados de avaliação, ninguém consegue medir a qualidade de um prompt ou de um modelo ajustado; por isso nenhuma versão pode ser comprovada melhor que a de produção, e os limites das métricas respondidos não podem ser verificados.
blocker-genai-evaluation-kit = O roteiro começa pela construção do conjunto de avaliação (perguntas reais com respostas revisadas, 200 ou mais); o pipeline de avaliação do kit o lê de `evaluation/eval.jsonl` no bucket de artefatos e não promove nada enquanto ele não existir.
blocker-genai-guardrails-title = Sem proteções nas entradas e saídas
blocker-genai-guardrails-who-personal = conversas com dados pessoais
blocker-genai-guardrails-who-users = usuários
blocker-genai-guardrails-why = O assistente responde a { $who } sem filtros sobre o que recebe ou diz; uma única resposta nociva ou que vaze informação pode anular o seu valor.
blocker-genai-guardrails-kit = O kit aplica configurações de segurança rígidas em toda chamada ao Gemini e bloqueia uma versão cuja nota de segurança caia; o roteiro inclui proteções de entrada e saída antes do tráfego de produção.
blocker-genai-logging-title = Prompts e respostas não podem ser registrados
blocker-genai-logging-why = Sem registros dos prompts e das respostas de produção, não é possível medir a qualidade em produção, e mudanças no que os usuários perguntam passam despercebidas.
blocker-genai-logging-kit = O kit cria a tabela de registros no BigQuery e a avaliação agendada, mas nada grava nelas até o registro ser acordado; os alertas de latência, erros, tokens e bloqueios de segurança continuam rodando no Cloud Monitoring.
genai-step-evaluation-set = Montar o conjunto de avaliação: perguntas reais de usuários com respostas de referência revisadas (200 ou mais), em JSON Lines no Cloud Storage
genai-step-agree-guardrails = Combinar as proteções: os assuntos que o assistente deve recusar, o que ele nunca pode revelar e os limites de segurança
genai-step-agree-deidentified-logging = Combinar com o encarregado de proteção de dados (DPO) como prompts e respostas podem ser registrados (desidentificados pelo Sensitive Data Protection)
