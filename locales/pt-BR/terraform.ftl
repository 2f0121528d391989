# terraform/README.md e os textos do modelo do kit que ele mostra: por que cada permissão do IAM
# existe, os segredos e os passos da conexão com o repositório, o que a plataforma inclui no nível
# de maturidade do cliente. Os motivos das permissões e os passos da conexão também aparecem, em
# inglês, como comentários nos arquivos do Terraform (`crate::i18n::both`).

## Documento

tf-title = Plataforma: Terraform e Cloud Build
tf-and = e
tf-environment-in = `{ $environment }` em `{ $project }`
tf-intro =
    A plataforma no Google Cloud do sistema de ML de { $client }: uma raiz do Terraform por
    ambiente ({ $environments }), um módulo compartilhado, um bootstrap para o
    estado remoto e as configurações do Cloud Build que os gatilhos executam. Região: `{ $region }`.
tf-folder = Pasta
tf-folder-holds = O que contém
tf-folder-bootstrap = A raiz do IAM, aplicada por uma pessoa: os buckets de estado no projeto de administração `{ $admin }` (um por ambiente), todas as permissões das contas de implantação e os acessos entre projetos
tf-folder-module = APIs, contas de serviço e IAM, buckets, registros, BigQuery, Vertex AI, Cloud Build, retreinamento, alertas
tf-folder-shared-vpc = a VPC compartilhada
tf-folder-private-network = a rede privada
tf-folder-environments = Uma raiz por ambiente: `backend.tf`, `versions.tf`, `main.tf`, `variables.tf`, `outputs.tf`, `terraform.tfvars`
tf-folder-cloudbuild = `ci.yaml` (pull requests), `cd.yaml` (publicação de versões e promoção), `ct.yaml` (retreinamento contínuo)
tf-folder-scripts = Os scripts de shell que essas configurações executam
tf-versions =
    Versões: Terraform `{ $terraform }`; as raízes fixam o provider google em
    `{ $constraint }` (o kit é conferido contra o esquema da versão { $provider }; versões de correção são
    aceitas), e o módulo só define uma versão mínima. Faça commit de `.terraform.lock.hcl` depois do primeiro `terraform init`.
tf-branching =
    Branches: a `main` é a única fonte da verdade, e cada ambiente é um diretório, não uma branch.
    Cada merge na `main` publica uma versão em `{ $environment }`
tf-branching-promote = ; os ambientes seguintes promovem uma versão que já rodou lá
tf-first-deployment = Primeira implantação, passo a passo
tf-run-as-admin = Execute estes passos como uma pessoa com direitos de administrador nos projetos
tf-run-as-step-4 = e, no passo 4,
tf-run-as-sources =
    nos projetos das
    fontes de dados
tf-run-as-host = no projeto host da VPC compartilhada
tf-step-state = Buckets de estado.
tf-step-state-admin = isso também cria o projeto de administração `{ $admin }` (defina `TF_VAR_billing_account` antes)
tf-step-state-text =
    O estado do próprio bootstrap começa local (e ignorado pelo git). Depois que os buckets existirem, mova-o para o bucket dele:
    acrescente um bloco `backend "gcs"` (`bucket = "{ $bucket }"`, `prefix = "bootstrap"`) dentro do
    bloco `terraform` de `bootstrap/versions.tf` e execute `terraform init -migrate-state`. Só os administradores
    do projeto de administração conseguem ler esse bucket: o bootstrap guarda as permissões das próprias contas de implantação.
tf-step-agents = Agentes de serviço.
tf-step-agents-kms = e as permissões do Cloud KMS
tf-step-agents-text =
    `sh scripts/create-service-agents.sh PROJECT_ID` para o projeto de cada ambiente, para que
    as permissões dos agentes de serviço do Google ({ $apis })
    encontrem todos os agentes: um agente só aparece algum tempo depois que a sua API é ativada, e o script espera por eles.
tf-step-platform = Plataforma, primeira aplicação.
tf-step-platform-text =
    Para cada ambiente, na ordem ({ $environments }):
    `cd terraform/environments/<env> && terraform init && terraform apply` com
    `enable_repository_connection = false`. Isso cria as contas de serviço, os buckets, os registros,
    o conjunto de dados e os segredos vazios do Secret Manager da conexão com o repositório.
tf-step-platform-endpoint =
    Para cada ambiente, na ordem ({ $environments }):
    `cd terraform/environments/<env> && terraform init && terraform apply` com
    `enable_repository_connection = false`. Isso cria as contas de serviço, os buckets, os registros,
    o conjunto de dados, o endpoint e os segredos vazios do Secret Manager da conexão com o repositório.
tf-step-iam = Raiz do IAM.
tf-step-iam-text =
    Defina `enable_access_grants = true` em `bootstrap/terraform.tfvars` e aplique o
    bootstrap de novo: cada conta de implantação recebe os seus papéis (a administração do IAM é limitada por IAM Conditions
    aos papéis que o Terraform do seu ambiente concede) e acesso só ao bucket de estado do seu próprio ambiente, e as contas
    dos gatilhos recebem o seu papel de acionar builds
tf-step-iam-sources = ; os leitores dos dados de treinamento recebem o seu acesso
tf-step-iam-host =
    ; os agentes de serviço e as contas recebem os seus papéis no projeto host da VPC
    compartilhada (veja "VPC compartilhada" abaixo)
tf-step-connection = Conexão com o repositório ({ $host }).
tf-step-connection-where = No projeto de cada ambiente:
tf-step-then =
    Daí em diante, o Cloud Build aplica toda mudança: faça o merge na `main`, e o gatilho `{ $trigger }` de
    `{ $environment }` é executado.
tf-variables = Variáveis das raízes dos ambientes
tf-variable = Variável
tf-meaning = Significado
tf-variable-project = Projeto do ambiente
tf-variable-region = Região de todos os recursos regionais
tf-variable-alert-emails = Quem recebe os alertas de pipeline, de build e de deriva de dados
tf-variable-labels = Rótulos em todos os recursos (`default_labels` do provider)
tf-variable-connection = `false` na primeira aplicação; `true` depois que os segredos da conexão tiverem versões
tf-variable-installation = Id de instalação do GitHub App na organização do repositório
tf-variable-app = O GitHub App criado no servidor do GitHub Enterprise
tf-variable-schedule = Quando o retreinamento agendado roda
tf-variable-drift = Se as anomalias de deriva de dados iniciam o retreinamento (a rota existe nos dois casos)
tf-secrets-intro =
    Segredos da conexão (só os contêineres; uma pessoa adiciona as versões, então nenhum token fica no
    estado do Terraform):
tf-secret = Segredo
tf-secret-holds = Contém
tf-releases = Publicação de versões
tf-trigger = Gatilho
tf-runs = Executa
tf-as = Como
tf-when = Quando
tf-account-ci = conta de CI
tf-account-deploy = conta de implantação
tf-account-build = conta de build
tf-account-trigger = conta dos gatilhos
tf-when-ci = Cada pull request para a `main` em `{ $environment }` (colaboradores externos esperam um comentário `/gcbrun`)
tf-when-cd = Merge na `main` em `{ $environment }`
tf-when-cd-later = ; acionado por uma pessoa nos ambientes seguintes
tf-when-cd-approval = ; a produção espera uma aprovação (`roles/cloudbuild.builds.approver`)
tf-when-ct = Sob demanda em todos os ambientes
tf-when-ct-schedule = ; na agenda de retreinamento em `{ $environment }`
tf-workflow-eventarc = workflow, iniciado pelo Eventarc
tf-the-trigger = o gatilho `{ $trigger }`
tf-when-new-data-marker = Dados novos: um marcador de lote em `{ $uri }` (não a cada arquivo recebido)
tf-when-new-data-topic = Dados novos anunciados no tópico `{ $topic }`
tf-in-environment = em `{ $environment }`
tf-when-drift = Anomalias de deriva de dados encaminhadas por um coletor de logs
tf-when-drift-off = desligado até `enable_drift_retraining = true`
tf-release-once =
    Cada versão é construída uma única vez: `cd.yaml` em `{ $environment }` aplica o Terraform a partir de um plano salvo, constrói e envia as
    imagens com a tag do commit, fixa pelo digest cada imagem que as especificações do pipeline referenciam, publica
    as especificações no repositório KFP (tags: o commit e `{ $tag }`) e grava um registro da versão em
    `gs://<artifacts bucket>/releases/<commit>/release.json`. A promoção para o ambiente seguinte copia os
    mesmos digests e os templates publicados; nada é reconstruído, e um digest que muda no caminho
    faz o build falhar. O retreinamento contínuo executa o template com a tag `{ $tag }` no seu ambiente.
tf-ci-account =
    A CI executa código de pull requests, então roda com a sua própria conta, que pode ler mas não alterar
    nada e não pode agir como nenhuma outra conta: ela gera o plano de `{ $environment }` com `-lock=false -refresh=false`, então
    o plano mostra a mudança em relação ao estado registrado, não a deriva da infraestrutura real.
tf-accounts = Contas de serviço e papéis
tf-accounts-intro =
    Cada papel é concedido no recurso mais restrito que a API permite; nenhum papel primitivo, nenhuma chave, e
    "agir como" só em contas individuais.
tf-account-key = `{ $account }`
tf-account-key-bootstrap = `{ $account }` (bootstrap)
tf-account = Conta
tf-role = Papel
tf-on = Em
tf-why = Por quê
tf-on-project = projeto
tf-on-project-named = projeto { $project }
tf-on-bucket = bucket { $bucket }
tf-on-repository = repositório { $repository }
tf-on-dataset = conjunto de dados { $dataset }
tf-on-account = conta { $account }
tf-on-bucket-key = bucket `{ $bucket }`
tf-on-repository-key = repositório `{ $repository }`
tf-on-account-key = conta `{ $account }`
tf-condition = ; condição: só pode conceder { $roles }
tf-custom-role = papel personalizado `{ $role }`
tf-trigger-invoker = inicia builds a partir dos gatilhos ({ $permissions })
tf-vertex-agent-of = agente de serviço do Vertex AI de `{ $project }`
tf-deploy-account =
    A conta de implantação administra exatamente os serviços que o módulo gerencia; ela é a única identidade
    privilegiada, usada só pelo gatilho `{ $trigger }` na `main`. Os seus direitos vêm só do bootstrap,
    que uma pessoa aplica; ela não tem o papel Role Administrator, e os seus papéis Project IAM Admin e Service
    Account Admin são limitados por IAM Conditions aos papéis que este kit concede, então ela não pode conceder a si mesma
    (nem a ninguém) Owner ou qualquer outro papel. O seu `roles/cloudbuild.builds.editor` tem uma
    exceção do checkov (CKV_GCP_49), com o motivo em `iam.tf`.
tf-waivers = As exceções do checkov só são escritas onde as respostas deste cliente as tornam verdadeiras:
tf-waiver-cmek =
    as chaves de criptografia gerenciadas pelo cliente (CMEK) não foram pedidas, então os registros, o conjunto de dados e os tópicos usam
    criptografia gerenciada pelo Google;
tf-waiver-cmek-endpoint =
    as chaves de criptografia gerenciadas pelo cliente (CMEK) não foram pedidas, então os registros, o conjunto de dados, os tópicos e o endpoint usam
    criptografia gerenciada pelo Google;
tf-waiver-endpoint = o endpoint não faz peering com uma VPC (o questionário respondeu rede gerenciada pelo Google) e é acessado por chamadas autenticadas pelo IAM;
tf-waiver-logs = um bucket de logs de acesso não pode registrar os próprios acessos.
tf-shared-vpc = VPC compartilhada
tf-private-networking = Rede privada
tf-network-shared = A plataforma usa a VPC compartilhada `{ $vpc }` do projeto host `{ $host }`:
tf-network-peers = A plataforma faz peering com a VPC `{ $vpc }`:
tf-network-users = as execuções de pipeline e os jobs de treinamento a usam.
tf-network-users-endpoint = o endpoint do Vertex AI, as execuções de pipeline e os jobs de treinamento a usam.
tf-network-users-pool = as execuções de pipeline, os jobs de treinamento e o pool privado `{ $pool }` do Cloud Build (sem IP externo) a usam.
tf-network-users-endpoint-pool = o endpoint do Vertex AI, as execuções de pipeline, os jobs de treinamento e o pool privado `{ $pool }` do Cloud Build (sem IP externo) a usam.
tf-network-number = O Vertex AI identifica a rede pelo número do projeto (`projects/NUMBER/global/networks/{ $vpc }`); o Terraform consulta esse número, então os builds de retreinamento contínuo passam o nome certo.
tf-network-number-host =
    O Vertex AI identifica a rede pelo número do projeto (`projects/NUMBER/global/networks/{ $vpc }`, em que NUMBER é
    o número do projeto host); o Terraform consulta esse número, então os builds de retreinamento contínuo passam o nome certo.
tf-network-created =
    O kit cria essa rede, com
    o tráfego de entrada bloqueado, e faz o peering dela com os serviços do Google pelo intervalo `{ $range }`.
tf-network-client =
    A rede é do cliente: o peering dela com os serviços do Google
    (`servicenetworking.googleapis.com`, um intervalo reservado de pelo menos /24) precisa existir antes da primeira
    aplicação; o kit não o cria, porque substituir um peering derruba os intervalos que outros serviços usam.
tf-host-grants =
    As contas de implantação do kit nunca alteram o IAM fora do próprio projeto, então as permissões em
    `{ $host }` ficam em `bootstrap/access.tf`, aplicadas com os outros acessos entre projetos no passo 4
    da primeira implantação, antes da primeira execução de pipeline ou implantação de modelo: até lá, o agente de serviço
    do Vertex AI não consegue usar a rede (se a primeira aplicação de um ambiente parar no endpoint por esse
    motivo, aplique de novo depois do passo 4). Quem aplica o bootstrap precisa de `roles/resourcemanager.projectIamAdmin` no
    projeto host. Onde a equipe de rede não abre mão desse papel, defina `enable_host_network_grants = false` em
    `bootstrap/terraform.tfvars` e entregue a ela esta tabela (NUMBER é o número do projeto do ambiente):
tf-member = Membro
tf-role-on = Papel em `{ $project }`
tf-agent-of = { $agent } de `{ $project }`
tf-egress = Imagens e pacotes sem internet pública
tf-egress-intro-pool =
    Os builds rodam no pool privado sem IPs externos, então nada do que o kit executa baixa de um registro
    público:
tf-egress-intro-network =
    Os builds e os pipelines usam a rede do cliente, então nada do que o kit executa baixa de um registro
    público:
tf-what = O quê
tf-from = De onde
tf-egress-upstream = { $upstream } (pacotes e imagens `{ $format }`)
tf-egress-remote = repositório remoto `{ $repository }` em cada ambiente (`{ $host }`), `modules/platform/registry.tf`
tf-egress-providers = Providers do Terraform (`terraform init` na CI e na entrega contínua)
tf-egress-providers-from = o bucket `{ $bucket }` (`bootstrap/providers.tf`), preenchido uma vez a partir de uma máquina com acesso à internet (README, passo 2)
tf-egress-pipeline-steps = etapas do pipeline
tf-egress-mirrored = uma cópia que a entrega contínua envia como `{ $name }` ao repositório Docker de cada ambiente, fixada pelo digest nos templates publicados
tf-egress-google = sem mudança: hospedado pelo Google, acessado pelo Private Google Access
tf-egress-accounts =
    As contas com que os builds rodam (CI, implantação, build) recebem `roles/artifactregistry.reader` nos repositórios
    remotos e `roles/storage.objectViewer` no espelho de providers, nada mais. As etapas do Cloud Build
    recebem `PYTHON_REPOSITORY` (pip, por meio de `scripts/pip-config.sh`: uma URL de índice com token de acesso num
    arquivo que só a etapa consegue ler; os builds do Docker a recebem como um segredo do BuildKit) e `TF_PROVIDER_MIRROR`
    (`scripts/terraform-providers.sh`).
tf-egress-teams = O que as equipes de rede e de segurança providenciam, nesta ordem:
tf-perimeter =
    O perímetro de serviço pertence à equipe de segurança do cliente; este kit não
    o gerencia. Adicione a ele o projeto de cada ambiente
tf-perimeter-named =
    O perímetro de serviço { $perimeter } pertence à equipe de segurança do cliente; este kit não
    o gerencia. Adicione a ele o projeto de cada ambiente
tf-perimeter-data =
    {" "}e os projetos dos dados que o pipeline lê
    ({ $projects }): a etapa de extração lê neles, e uma leitura através do perímetro de serviço é uma
    violação de saída. Onde um projeto de dados não puder entrar, adicione uma regra de saída do perímetro de serviço para ele
    em nome da conta do pipeline ({ $services })
tf-perimeter-restrict = Restrinja estes serviços:
tf-perimeter-connection =
    A conexão do Cloud Build com o repositório acessa o { $host } de fora do perímetro de serviço: permita-a
    com uma regra de entrada para o agente de serviço do Cloud Build, ou hospede a conexão num projeto de fora.
tf-maturity = O que este nível de maturidade inclui
tf-maturity-includes = A avaliação de maturidade coloca o cliente no nível { $level } de MLOps do Google. Esta plataforma inclui:
tf-maturity-deferred = Fica para fases posteriores do roteiro:

## O que a plataforma inclui no nível de maturidade do cliente

platform-includes-iac = Infraestrutura como código para todos os ambientes, com estado remoto e contas de serviço dedicadas de privilégio mínimo
platform-includes-ci = CI em cada pull request: lint, testes de unidade, build das imagens, validação do pipeline, plano do Terraform e verificações de segurança
platform-includes-cd-promotion = Entrega contínua a cada merge na `main`, com promoção pelo digest das imagens para os ambientes seguintes
platform-includes-cd-single = Entrega contínua a cada merge na `main`, publicando versões no ambiente único `{ $environment }`
platform-includes-ct-trigger = Um gatilho de retreinamento contínuo que executa o pipeline de treinamento sob demanda
platform-includes-schedule = Retreinamento agendado (Cloud Scheduler) no ambiente de treinamento
platform-includes-new-data-landing = Retreinamento quando chegam dados novos no bucket de recepção
platform-includes-new-data-topic = Retreinamento quando a carga de dados anuncia dados novos no tópico de dados novos
platform-includes-drift = Retreinamento quando o monitoramento de deriva de dados aponta uma anomalia
platform-includes-drift-off = A rota da deriva de dados até o retreinamento (coletor de logs, tópico, gatilho), criada desligada
platform-deferred-drift = Ligar o retreinamento por deriva de dados (`enable_drift_retraining = true`) depois que o monitoramento de deriva rodar por alguns ciclos e os seus limites forem confiáveis: no nível 0 nada é monitorado ainda
platform-deferred-promotion = Promoção automática para a pré-produção (nível 2): cada ambiente depois do primeiro promove uma versão quando uma pessoa aciona o seu gatilho de entrega contínua, até o pipeline ter um histórico confiável
platform-deferred-models = Vários modelos por kit e componentes de pipeline compartilhados (nível 2)
platform-deferred-live-data = Retreinamento contínuo com os dados reais do cliente: antes, os dados precisam ser levados para o Google Cloud; o bucket de recepção está pronto para a transferência

## A conexão com o repositório: o que cada segredo contém, o que uma pessoa faz antes da segunda aplicação

connection-secret-github-oauth = um token de acesso pessoal do GitHub do usuário que instala o GitHub App do Cloud Build
connection-secret-ghe-private-key = a chave privada do GitHub App criado no servidor
connection-secret-ghe-webhook = o segredo de webhook desse GitHub App
connection-secret-gitlab-api = um token de acesso do GitLab com o escopo `api`
connection-secret-gitlab-read = um token de acesso do GitLab com o escopo `read_api`
connection-secret-gitlab-webhook = uma string aleatória com que o GitLab assina os webhooks
connection-secret-bitbucket-cloud-admin = um token de acesso do workspace do Bitbucket com escopos de administração de repositório e de webhooks
connection-secret-bitbucket-cloud-read = um token de acesso do workspace do Bitbucket com escopo de leitura de repositório
connection-secret-bitbucket-webhook = uma string aleatória com que o Bitbucket assina os webhooks
connection-secret-bitbucket-dc-admin = um token de acesso HTTP do Bitbucket Data Center com permissão de administração do repositório
connection-secret-bitbucket-dc-read = um token de acesso HTTP do Bitbucket Data Center com permissão de leitura do repositório
connection-step-github-app = Instale o GitHub App do Google Cloud Build na organização do repositório e anote o id de instalação.
connection-step-github-token = Adicione uma versão ao segredo `github-oauth-token` com um token de acesso pessoal (escopos: repo, read:user, read:org).
connection-step-ghe-app = Crie um GitHub App no servidor do GitHub Enterprise, instale-o no repositório e anote o id do app, o slug e o id de instalação.
connection-step-ghe-secrets = Adicione versões aos segredos `ghe-app-private-key` e `ghe-webhook-secret`.
connection-step-gitlab-tokens = Crie dois tokens de acesso do GitLab (escopos `api` e `read_api`) para um usuário robô com acesso de Maintainer ao repositório.
connection-step-gitlab-secrets = Adicione versões aos segredos `gitlab-api-token`, `gitlab-read-token` e `gitlab-webhook-secret`.
connection-step-bitbucket-cloud-tokens = Crie dois tokens de acesso do workspace (administração: administração do repositório e webhooks; leitura: leitura do repositório).
connection-step-bitbucket-secrets = Adicione versões aos segredos `bitbucket-admin-token`, `bitbucket-read-token` e `bitbucket-webhook-secret`.
connection-step-bitbucket-dc-tokens = Crie dois tokens de acesso HTTP no servidor (administração do repositório e leitura do repositório).
connection-step-enable-github = Defina `enable_repository_connection = true` e os ids do GitHub App acima em terraform.tfvars, e aplique de novo.
connection-step-enable = Defina `enable_repository_connection = true` em terraform.tfvars e aplique de novo.
upstream-dockerhub = Docker Hub
upstream-pypi = o Python Package Index

## Por que cada permissão do IAM existe (também o comentário acima da permissão nos arquivos do Terraform)

why-pipeline-aiplatform = cria jobs de treinamento, modelos e implantações (o Vertex AI não tem IAM por recurso para jobs)
why-pipeline-bq-jobs = executa consultas (jobs do BigQuery são recursos do projeto)
why-job-logs = grava os logs dos jobs
why-build-logs = grava os logs dos builds (as configurações registram só no Cloud Logging)
why-build-aiplatform = envia execuções do pipeline de retreinamento contínuo
why-ci-browser = lê os metadados do projeto durante o `terraform plan`
why-serving-logs = grava os logs do contêiner de previsão
why-serving-metrics = grava as métricas de serviço do modelo
why-scoring-aiplatform = lê o modelo de produção e cria os jobs de previsão em lote do pipeline de pontuação (o Vertex AI não tem IAM por recurso para jobs)
why-serving-bq-jobs = os jobs de previsão em lote, que rodam como esta conta, gravam no BigQuery por meio de jobs (recursos do projeto)
why-scoring-bq-jobs = acrescenta as previsões de cada job à tabela de saída em lote (um job de consulta)
why-trigger-eventarc = recebe os eventos dos tópicos de retreinamento (Eventarc)
why-trigger-workflows = inicia os workflows de retreinamento (Eventarc)
why-private-pool = roda builds no pool privado
why-ci-network-viewer = lê a VPC informada durante o `terraform plan`
why-pipeline-dataflow = inicia e acompanha o job do Dataflow que prepara os dados de treinamento (jobs do Dataflow são recursos do projeto)
why-dataflow-worker = executa os itens de trabalho do job de preparação de dados
why-deploy-logs = grava os logs dos builds de publicação de versões
why-deploy-apis = ativa as APIs
why-deploy-sa-creator = cria as contas de serviço do kit (cada uma é depois administrada no nível da conta)
why-deploy-project-iam = concede os papéis de projeto listados em iam.tf, e só esses (IAM Condition)
why-deploy-storage = gerencia os buckets
why-deploy-registries = gerencia os registros e publica as versões
why-deploy-bigquery = gerencia o conjunto de dados
why-deploy-triggers = gerencia os gatilhos
why-deploy-connection = gerencia a conexão com o repositório
why-deploy-secrets = gerencia os contêineres dos segredos da conexão
why-deploy-channels = gerencia os canais de alerta
why-deploy-alert-policies = gerencia as políticas de alerta
why-deploy-log-sink = gerencia o coletor de logs da deriva de dados
why-deploy-scheduler = gerencia a agenda de retreinamento
why-deploy-pubsub = gerencia os tópicos de retreinamento
why-deploy-eventarc = gerencia os gatilhos do Eventarc do retreinamento
why-deploy-workflows = gerencia os workflows de retreinamento
why-deploy-kms = gerencia o keyring e as chaves
why-deploy-pool-owner = gerencia o pool privado de workers
why-deploy-network-admin = gerencia a rede que o kit cria
why-deploy-security-admin = gerencia a regra de firewall dessa rede
why-deploy-networks-admin = faz o peering dessa rede com os serviços do Google
why-deploy-network-viewer = lê a rede do cliente
why-deploy-artifacts = grava os registros das versões e os planos salvos
why-deploy-docker = envia as imagens das versões
why-deploy-kfp = publica os templates de pipeline
why-deploy-dockerhub = baixa as imagens de build da entrega contínua e a imagem de base dos Dockerfiles pelo repositório remoto do Docker Hub
why-deploy-pypi = instala os pacotes Python da entrega contínua pelo repositório remoto do PyPI
why-deploy-act-as = associa a conta aos gatilhos, jobs e agendas que o Terraform gerencia
why-deploy-sa-admin = atualiza a conta e concede nela só os papéis que o iam.tf concede ali (IAM Condition)
why-pipeline-root = grava as saídas das execuções do pipeline
why-pipeline-artifacts = grava modelos, snapshots dos dados e previsões em lote
why-serving-artifacts = carrega os artefatos do modelo
why-build-root = lê as saídas das execuções quando um build de retreinamento contínuo espera uma execução
why-landing = lê os dados recebidos de fora do Google Cloud
why-scoring-root = grava as saídas das execuções de pontuação
why-scoring-inbox-stage = lê os arquivos novos da caixa de entrada batch-input, prepara as colunas de atributos deles ao lado da saída e os apaga depois de pontuados
why-scoring-inbox-stage-bigquery = lê os arquivos novos da caixa de entrada batch-input, prepara as colunas de atributos deles como objetos JSON em batch-staging/, carrega de lá as previsões do job no BigQuery e apaga a pasta depois de pontuados
why-scoring-inbox = lê os arquivos novos da caixa de entrada batch-input
why-serving-predictions = os jobs de previsão em lote gravam as suas previsões
why-dataflow-root = grava o conjunto de dados preparado na saída da execução do pipeline
why-dataflow-artifacts = guarda os arquivos e os dados temporários do job (e lê as exportações do Cloud SQL)
why-pipeline-images = baixa as imagens dos componentes
why-build-templates = lê os templates de pipeline para executá-los
why-serving-image = baixa a imagem de serviço do modelo
why-scoring-image = baixa a imagem dos componentes
why-scoring-template = lê o template de pontuação em lote que a sua agenda executa
why-monitoring-template = lê o template de monitoramento que a sua agenda executa
why-pipeline-self = inicia jobs de treinamento como ela mesma
why-pipeline-serving = implanta modelos que rodam como a conta de serviço do modelo
why-build-pipeline = envia execuções de pipeline que rodam como a conta do pipeline
why-trigger-build = inicia builds que rodam como a conta de build
why-build-serving = o build de liberação implanta a versão aprovada, que roda como a conta de serviço do modelo
why-scoring-serving = inicia jobs de previsão em lote que rodam como a conta de serviço do modelo
why-pipeline-dataflow-account = inicia o job de preparação de dados com a conta dos workers do Dataflow
why-pipeline-dataset = grava as tabelas de atributos, de previsões e de monitoramento
why-serving-dataset-output = os jobs de previsão em lote, que rodam como esta conta, criam a sua tabela de previsões no conjunto de dados
why-serving-dataset = lê as tabelas de atributos na hora da previsão
why-scoring-dataset = acrescenta a tabela de previsões de cada job à tabela de saída em lote e depois a apaga
why-monitoring-baseline = o Vertex AI Model Monitoring roda como o agente de serviço do Vertex AI do ambiente monitorado e lê a tabela de treinamento como a sua referência de distorção entre treino e produção (leitura no nível do conjunto de dados, no projeto de origem)
why-source-bigquery = lê a tabela de treinamento (permissão no nível do conjunto de dados, no projeto de origem)
why-source-bucket = lê os arquivos de treinamento (permissão no nível do bucket)
why-source-cloudsql = inicia a exportação CSV sem servidor da tabela de treinamento e acompanha o seu andamento (cloudsql.instances.export e .get, um papel personalizado: o papel predefinido mais restrito que exporta, o Cloud SQL Editor, também pode alterar e apagar instâncias; no projeto, porque o Cloud SQL não tem IAM no nível da instância)
why-ci-dockerhub = baixa as imagens de build da CI e a imagem de base dos Dockerfiles pelo repositório remoto do Docker Hub
why-build-dockerhub = baixa as imagens de build do retreinamento contínuo pelo repositório remoto do Docker Hub
why-ci-pypi = instala os pacotes Python da CI pelo repositório remoto do PyPI
why-build-pypi = instala os pacotes Python do retreinamento contínuo pelo repositório remoto do PyPI
why-vertex-endpoint = o endpoint
why-vertex-scoring-schedule = a agenda do pipeline de pontuação em lote
why-vertex-drift-schedule = a agenda do pipeline de monitoramento de deriva de dados
why-deploy-vertex = gerencia { $resources }
list-and = { $init } e { $last }
why-providers-ci = A conta de CI instala os providers do Terraform a partir do espelho (`terraform init` na CI)
why-providers-deploy = A conta de implantação de { $environment } instala os providers do Terraform a partir do espelho (`terraform init` na entrega contínua)
why-host-vertex = O Vertex AI faz o peering do endpoint, do pipeline e dos jobs de treinamento com a VPC compartilhada (ambiente { $environment })
why-host-dataflow-agent = O Dataflow inicia os workers de preparação de dados na sub-rede da VPC compartilhada (ambiente { $environment })
why-host-cloudbuild = O Cloud Build faz o peering do pool privado de workers com a VPC compartilhada (ambiente { $environment })
why-host-dataflow-workers = Os workers do Dataflow de { $environment } rodam na sub-rede da VPC compartilhada
why-host-deploy-viewer = A conta de implantação de { $environment } lê a VPC compartilhada durante o plano e a aplicação
why-host-ci-viewer = A conta de CI lê a VPC compartilhada durante o `terraform plan`
why-host-deploy-browser = A conta de implantação de { $environment } lê o número do projeto host (o Vertex AI identifica a rede por ele)
why-host-ci-browser = A conta de CI lê o número do projeto host (o Vertex AI identifica a rede por ele)

## Por que cada permissão do IAM de um kit generativo existe

why-gen-pipeline-aiplatform = chama o Gemini e o serviço de avaliação de IA generativa, executa jobs de ajuste fino e registra modelos (o Vertex AI não tem IAM por recurso para isso)
why-gen-pipeline-bq-jobs = consulta a amostra do log de produção (jobs do BigQuery são recursos do projeto)
why-gen-app-aiplatform = chama o Gemini (os modelos de publisher não têm escopo de IAM mais restrito)
why-gen-app-logs = grava os logs estruturados da aplicação (bloqueios de segurança)
why-gen-ci-aiplatform = gera as respostas do prompt candidato na amostra de avaliação do pull request
why-gen-app-dlp = desidentifica prompts e respostas antes de registrá-los (os métodos de conteúdo não têm escopo mais restrito)
why-gen-app-dlp-template = lê o template de desidentificação
why-gen-pipeline-artifacts = grava os resultados das avaliações, os registros dos modelos ajustados e as amostras da avaliação agendada
why-gen-pipeline-images = baixa a imagem dos componentes do pipeline
why-gen-pipeline-template = lê o template da avaliação agendada
why-gen-ci-dockerhub = baixa as imagens de build da CI pelo repositório remoto do Docker Hub
why-gen-pipeline-traffic-scores = lê a amostra do log de produção e acrescenta as notas da avaliação agendada do tráfego (criando a tabela delas na primeira execução)
why-gen-ci-release-prompt = lê o prompt da versão em produção com que a avaliação do pull request compara um prompt alterado
why-gen-app-log-table = acrescenta linhas de prompts e respostas à tabela de log (no nível da tabela: nenhuma outra tabela)
why-gen-pipeline-self = executa jobs de avaliação e de ajuste fino como ela mesma
why-gen-read-evaluation-set = lê o conjunto de avaliação usado pelo critério de avaliação das novas versões
why-gen-read-evaluation-sample = lê o conjunto de avaliação para pontuar uma amostra dele nos pull requests
why-gen-read-tuning-examples = lê os exemplos do ajuste fino
why-gen-read-documents = lê os documentos em que as respostas se baseiam
why-gen-read-documents-evaluation = baseia as respostas avaliadas nos mesmos documentos
why-gen-deploy-log-metric = gerencia a métrica baseada em logs dos bloqueios de segurança
why-gen-deploy-dlp = gerencia o template de desidentificação
why-gen-deploy-evaluation = executa o pipeline de avaliação que decide cada promoção
tf-folder-cloudbuild-generative = `ci.yaml` (pull requests), `ci-evaluation.yaml` (pull requests que mudam prompts), `cd.yaml` (publicação de versões, o critério de avaliação e a promoção)
tf-step-iam-text-generative =
    Defina `enable_access_grants = true` em `bootstrap/terraform.tfvars` e aplique o
    bootstrap de novo: cada conta de implantação recebe os seus papéis (a administração do IAM é limitada por IAM Conditions
    aos papéis que o Terraform do seu ambiente concede) e acesso só ao bucket de estado do seu próprio ambiente, e as contas
    que leem os buckets do cliente (conjunto de avaliação, documentos, exemplos de ajuste) recebem o seu acesso de leitura
tf-when-ci-evaluation = Pull requests para `main` em `{ $environment }` que mudam `prompts/`
tf-on-table = tabela { $table }
tf-release-once-generative =
    Cada versão é construída uma única vez: `cd.yaml` em `{ $environment }` aplica o Terraform a partir de um plano salvo, constrói e envia
    a imagem dos componentes com a tag do commit, fixa-a pelo digest nas especificações dos pipelines, publica-as no repositório
    KFP, copia os prompts para `gs://<artifacts bucket>/{ $prefix }<commit>/prompts/`, executa o pipeline de
    { $pipeline } e grava um registro da versão em `gs://<artifacts bucket>/releases/<commit>/release.json`. O
    critério reescreve `gs://<artifacts bucket>/{ $record }` só quando promove o candidato; caso contrário a entrega contínua
    falha. A promoção para o ambiente seguinte copia o mesmo digest, os mesmos templates e prompts; nada é
    reconstruído, e o critério decide de novo contra a versão em produção daquele ambiente.
