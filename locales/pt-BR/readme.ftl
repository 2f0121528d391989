# O README.md principal do kit: o que é o kit, onde fica cada coisa, o passo a passo da preparação
# inicial, como funcionam CI, CD e CT, o monitoramento de deriva de dados, as execuções locais e as
# atualizações. Os placeholders recebem identificadores e valores do modelo do kit; o texto livre do
# questionário chega escapado. Nos itens de lista, as linhas seguintes ficam recuadas em dois espaços.

readme-title = kit inicial de MLOps
readme-intro =
    Este repositório leva o modelo do notebook à produção no Vertex AI do Google Cloud e o mantém
    preciso: infraestrutura como código (Terraform), CI/CD/CT (Cloud Build), um pipeline de treinamento que
    valida os dados e só promove um modelo que supere o que está em produção, e
readme-intro-custom =
    alertas de execuções com
    falha (a deriva de dados de um modelo que não é tabular exige um monitoramento próprio; veja abaixo)
readme-intro-retrains =
    um monitoramento de deriva de dados que
    o retreina
readme-intro-alerts = um monitoramento de deriva de dados que alerta a equipe
readme-intro-generated =
    Ele foi gerado pelo mlops-kit { $version } a partir das respostas em
    `.mlops-kit/answers.yaml`; `docs/maturity-report.md` é a avaliação de maturidade que o fundamenta (nível
    { $google } do Google MLOps, nível { $microsoft } da Microsoft).
readme-row-model = Modelo
readme-model = { $task ->
        [tabular_classification] classificação tabular
        [tabular_regression] regressão tabular
        [forecasting] previsão de séries temporais
        [vision] visão computacional
        [text] processamento de texto
       *[other] `{ $task }`
    } com { $framework }, avaliado por `{ $metric }` ({ $higher ->
        [true] no mínimo
       *[other] no máximo
    } { $threshold })
readme-row-training = Treinamento
readme-training-accelerator = com { $count } × `{ $type }`
readme-training = { $replicas ->
        [one] { $replicas } máquina
       *[other] { $replicas } máquinas
    }; dados preparados { $preparation ->
        [in_container] no contêiner da própria etapa do pipeline
        [bigquery] no BigQuery (SQL onde os dados estão)
       *[other] no Dataflow (Apache Beam)
    }
readme-row-serving = Disponibilização
readme-serving-mode = { $mode ->
        [batch] previsão em lote
        [online] online
        [both] online e previsão em lote
       *[other] { $mode }
    }
readme-serving-canary = liberação canário com { $percent }% do tráfego no início
readme-serving-custom = a imagem de serviço própria do kit (`docker/serving/Dockerfile`)
readme-serving-prebuilt = a imagem pré-construída do Vertex AI `{ $image }`
readme-row-region = Região
readme-row-environments = Ambientes

## O diagrama da arquitetura (rótulos do Mermaid: sem parênteses nem colchetes)

readme-architecture = Arquitetura
readme-mm-data-scientist = Cientista de dados
readme-mm-repository = Repositório no { $host }
readme-mm-ci = CI: lint, testes, plan
readme-mm-merge = merge em { $branch }
readme-mm-images = imagens
readme-mm-templates = templates de pipeline
readme-mm-kfp-templates = templates KFP
readme-mm-platform = Plataforma por ambiente
readme-mm-submit = envia a execução
readme-mm-training = treinamento
readme-mm-validate = validar os dados
readme-mm-train = treinar: job personalizado
readme-mm-evaluate = avaliar contra a produção
readme-mm-beats = supera o limite e a produção
readme-mm-deploy = implantar no endpoint
readme-mm-batch = previsão em lote
readme-mm-training-data = Dados de treinamento
readme-mm-endpoint = Endpoint do Vertex AI
readme-mm-drift-skew = deriva e distorção
readme-mm-monitoring-pipeline = Pipeline de monitoramento: deriva
readme-mm-email = Alertas por e-mail
readme-mm-log-sink = coletor de logs
readme-mm-log-sink-off = coletor de logs, desligado
readme-mm-drift-alerts = alertas de deriva
readme-mm-retrain = retreinar
readme-mm-marker = Marcador de lote no bucket de recepção
readme-mm-message = Mensagem no Pub/Sub: { $topic }

## O que fica onde

readme-where = O que fica onde
readme-col-path = Caminho
readme-col-what = O quê
readme-where-bootstrap = Os buckets de estado do projeto de administração (um por ambiente) e todas as permissões do IAM das contas de implantação; aplicado por uma pessoa, nunca pelo Cloud Build
readme-where-module = O módulo da plataforma: APIs, contas de serviço e IAM, buckets, registros, BigQuery, Vertex AI, Cloud Build
readme-where-roots = Uma configuração raiz por ambiente
readme-where-roots-values = com o seu backend e os seus valores
readme-where-cloudbuild = CI nos pull requests, CD no merge, CT (retreinamento contínuo)
readme-where-training-pipeline = Pipeline de treinamento compilado do Vertex AI (KFP v2)
readme-where-monitoring-pipeline = Pipeline compilado de monitoramento de deriva de dados das previsões em lote
readme-where-model-monitoring = Job do Vertex AI Model Monitoring do endpoint (criado por `python -m ml_pipeline.monitoring_job`)
readme-where-src = Código de cada etapa do pipeline (`python -m { $package }.<step>`)
readme-where-tests = Testes unitários desse código, com dados sintéticos
readme-where-local = Executam um pipeline compilado e depois o código de disponibilização nesta máquina ([Executar o pipeline localmente](#executar-o-pipeline-localmente))
readme-where-trainer = Imagem que executa todas as etapas do pipeline e o job de treinamento
readme-where-serving = A imagem de serviço própria do kit
readme-where-docs = Relatório de maturidade e notas de arquitetura, operação e segurança
readme-where-state = O estado do mlops-kit (respostas, manifesto, cópias originais); não edite

## Passo a passo da preparação inicial: pré-requisitos

readme-bootstrap = Passo a passo da preparação inicial
readme-bootstrap-intro = Siga estes passos uma única vez, na ordem. Os comandos rodam a partir da raiz do repositório.
readme-prerequisites = Pré-requisitos
readme-pre-projects = Os projetos do Google Cloud existem e têm faturamento ativo:
readme-pre-team-iam =
    Você pode criar contas de serviço e permissões do IAM neles (Owner, ou Project IAM Admin mais os
      papéis de administração de cada serviço) e ler os dados de treinamento.
readme-pre-platform-iam =
    A equipe de plataforma do cliente aplica o Terraform: a sua equipe não pode criar contas de serviço
      nem permissões do IAM, então alguém que tenha, nesses projetos, Owner ou Project IAM Admin mais os
      papéis de administração de cada serviço executa os passos de `terraform` abaixo (a sua equipe executa
      o restante e lê os dados de treinamento).
readme-pre-installed = Instalados: Terraform (`{ $terraform }`), a CLI do Google Cloud (`gcloud`) e Python 3.11.
readme-pre-logged-in = Login feito: `gcloud auth login` e `gcloud auth application-default login`.
readme-pre-shared-vpc =
    A VPC compartilhada `{ $vpc }` de `{ $host }` tem os projetos dos ambientes anexados como
      projetos de serviço, e o peering dela com os serviços do Google (`servicenetworking.googleapis.com`)
      já existe (veja `terraform/README.md`).
readme-pre-vpc =
    A VPC `{ $vpc }` existe no projeto de cada ambiente, e o peering dela com os serviços do Google
      (`servicenetworking.googleapis.com`) já existe (veja `terraform/README.md`).
readme-pre-perimeter = A equipe de segurança colocou os projetos no perímetro de serviço do VPC Service Controls
readme-pre-perimeter-data = com os projetos de dados
readme-pre-perimeter-egress = ou uma regra de saída para eles: veja `terraform/README.md`
readme-pre-perimeter-restricts = restringindo os serviços que o `terraform/README.md` lista.
readme-pre-egress =
    Os builds e os pipelines daqui não têm acesso à internet pública: eles baixam imagens e pacotes
      somente pelos repositórios remotos do Artifact Registry do kit (Docker Hub, PyPI) e instalam os
      providers do Terraform a partir do bucket espelho do kit. As equipes de rede e de segurança
      providenciam, nesta ordem, antes da primeira aplicação:

## Passo a passo da preparação inicial: buckets de estado e primeira aplicação

readme-state-title = Criar os buckets de estado
readme-state-billing =
    O bootstrap cria o projeto de administração: antes, defina `TF_VAR_billing_account` com o id da conta
    de faturamento dele (`XXXXXX-XXXXXX-XXXXXX`; ele não fica guardado no kit).
readme-state-creates-project =
    Isso cria o projeto de administração `{ $project }` (nenhum `gcp.admin_project_id` foi informado;
    informe um para usar um projeto existente) e, nele, um bucket de estado por ambiente
readme-state-creates-buckets = Isso cria, no projeto de administração `{ $project }`, um bucket de estado por ambiente
readme-state-output = saída `state_buckets`
readme-state-rest =
    cada um nomeado
    pelo `backend.tf` do seu ambiente, mais `{ $bucket }` para o estado do próprio bootstrap. O
    estado nunca fica no projeto de um ambiente: nem os proprietários nem a conta de implantação de um
    ambiente podem ler ou alterar o estado de outro. Os valores estão em `terraform/bootstrap/terraform.tfvars`.
readme-state-mirror =
    Ele também cria o espelho de providers do Terraform `{ $bucket }` (saída `provider_mirror_bucket`): a CI
    e a entrega contínua executam `terraform init` sem internet pública e instalam os providers somente a
    partir dele. Preencha-o agora, a partir desta máquina (que tem acesso à internet), e de novo sempre que
    as versões dos providers do kit mudarem:
readme-first-apply = Primeira aplicação de cada ambiente
readme-agents = A primeira aplicação concede papéis aos agentes de serviço do Google
readme-agents-kms =
    além dos
    agentes que usam a chave gerenciada pelo cliente
readme-agents-create =
    Cada agente só aparece algum tempo depois de a sua API ser ativada, então
    crie os agentes antes, uma vez por projeto; o script espera até que cada um possa ser usado:
readme-promotion-order = Na ordem de promoção:
readme-first-apply-keeps =
    A primeira aplicação mantém `enable_repository_connection = false`: ela cria a plataforma e os
    segredos do Secret Manager que a conexão com o repositório lê. As saídas (`pipeline_root`,
    `artifacts_bucket`, `docker_registry`, `kfp_registry`, `service_accounts`) indicam o que foi criado.
readme-access-grants =
    Em seguida, defina `enable_access_grants = true` em `terraform/bootstrap/terraform.tfvars` e aplique o
    bootstrap de novo, com a mesma pessoa (isso exige as contas de serviço que a primeira aplicação criou): ele
    concede a cada conta de implantação os seus papéis e o bucket de estado do seu próprio ambiente, e nada
    mais; a administração do IAM pelas contas de implantação fica limitada por IAM Conditions aos papéis que
    o Terraform do seu ambiente concede, e nenhum Terraform aplicado por uma conta de implantação concede
    qualquer coisa às contas de implantação
readme-grants-source = Os leitores dos dados de treinamento recebem o seu acesso
readme-grants-masked = e os ambientes que não são de produção recebem a visão mascarada dos dados de treinamento
readme-grants-cloud-sql = e a conta da própria instância do Cloud SQL passa a poder gravar a sua exportação nos buckets de artefatos
readme-grants-host-network = e os agentes de serviço e as contas passam a poder usar a VPC compartilhada de `{ $host }` (veja `terraform/README.md`)
readme-grants-endpoint-again =
    O endpoint só entra na VPC compartilhada depois que essas permissões no projeto host existirem: se a
    primeira aplicação de um ambiente parou no endpoint, aplique-a de novo agora.

## Passo a passo da preparação inicial: conexão com o repositório e carga dos dados

readme-connect = Conectar o repositório
readme-connection = O Cloud Build acessa o { $host } por uma conexão de segunda geração
readme-connection-each =
    no projeto de
    cada ambiente: siga estes passos para
readme-connection-each-secrets =
    cada um com os seus próprios segredos e o seu
    `terraform/environments/<env>/terraform.tfvars`
readme-connection-in = no projeto `{ $project }`
readme-second-apply = Essa segunda aplicação (o `plan` e o `apply` do passo 3, de novo) cria a conexão e os gatilhos do Cloud Build:
readme-col-trigger = Gatilho
readme-col-runs = O que executa
readme-col-config = Configuração
readme-workflows =
    Dentro do perímetro de serviço do VPC Service Controls o Cloud Build não pode ser iniciado pelo Pub/Sub, então o
    retreinamento automático passa pelo Eventarc e pelo Workflows, que rodam com a conta dos gatilhos (a mesma
    aplicação os cria em `{ $environment }`):
readme-col-retraining = Retreinamento
readme-col-starts-with = Começa com
readme-col-reaches-ct = Chega ao retreinamento contínuo por
readme-landing-title = Carregar os dados de treinamento
readme-landing =
    Os dados de treinamento que o pipeline lê ficam fora do Google Cloud ({ $system }). Até que uma
    transferência gerenciada substitua essa etapa, copie uma exportação para o bucket de recepção que o pipeline
    lê, no ambiente de treinamento:
readme-landing-marker =
    Quando um lote estiver completo, grave um objeto marcador em `{ $uri }`: é isso que inicia o retreinamento.
    O bucket só notifica os objetos sob esse prefixo, então os milhares de arquivos de um lote não iniciam
    nada sozinhos, e cada lote dispara o retreinamento contínuo uma única vez:
readme-landing-per-env = O pipeline de cada ambiente lê o bucket de recepção do seu próprio projeto
readme-landing-sample = carregue uma amostra menor nos demais ambientes antes de executar o retreinamento contínuo neles.
readme-landing-csv = Arquivos CSV com uma linha de cabeçalho e as colunas
readme-landing-images = As imagens, mais um manifesto `labels.csv` com as colunas `image_uri` (caminho relativo à pasta) e `label`.
readme-landing-text = Um manifesto `labels.csv` com as colunas `text` e `label`.

## Passo a passo da preparação inicial: primeira versão, primeira execução, pontuação

readme-first-release = Primeira versão e primeira execução do pipeline
readme-push =
    Envie o kit para a branch `{ $branch }`: a entrega contínua constrói e publica as imagens, publica os
    templates do pipeline e aplica o Terraform
readme-push-promote =
    em `{ $environment }`. Promova essa versão ambiente por
    ambiente até `{ $training }`, acionando o gatilho de entrega contínua de cada um (`{ $trigger }`): o
    retreinamento contínuo só executa os templates que uma versão publicou no seu próprio ambiente. Cada
    execução promove a versão mais recente do ambiente anterior:
readme-promote-earlier =
    Para promover uma versão anterior, informe o commit dela (os registros das versões ficam no bucket de
    artefatos do ambiente de origem, em `gs://BUCKET/releases/COMMIT/`):
readme-first-run = Depois, inicie manualmente a primeira execução de treinamento:
readme-follow-run =
    Acompanhe a execução no console do Vertex AI (Pipelines). Ela extrai os dados, valida-os, treina,
    avalia e registra `{ $model }` somente se `{ $metric }` atingir
    { $threshold } e o modelo superar o que está em produção (na primeira execução não há nenhum).
readme-monitoring-schedule =
    Depois, agende o monitoramento de deriva de dados das previsões em lote: defina
    `enable_monitoring_schedule = true` em `terraform/environments/{ $environment }/terraform.tfvars` e faça o
    merge (a entrega contínua aplica a mudança com a próxima versão que chegar a `{ $environment }`), ou aplique
    essa configuração raiz manualmente. O Terraform então cria a agenda do Vertex AI `{ $schedule }`, que
    executa o template publicado `{ $pipeline }` (tag `{ $tag }`) no cron `{ $cron }` (UTC). Ela fica
    desligada até lá porque o template só existe depois que uma versão chega a `{ $environment }`.
readme-scoring-title = Pontuar dados novos
readme-scoring =
    Todo dia, no cron `{ $cron }` (UTC), a agenda do Vertex AI `{ $schedule }` executa
    `pipelines/scoring_pipeline.yaml` em `{ $environment }` com a conta de pontuação
readme-scoring-files =
    ela pontua os arquivos gravados na caixa de
    entrada `{ $inbox }` nas { $hours } horas cheias anteriores ao horário agendado da execução (não ao
    horário em que ela começa: uma execução enfileirada, repetida ou recuperada pontua o seu próprio dia,
    então nenhum arquivo é pontuado duas vezes nem fica de fora), com a versão de `{ $model }` que tem
    o alias `production`
readme-scoring-approved = só a liberação aprovada o move
readme-scoring-appends =
    usando a conta de disponibilização, e acrescenta
    as previsões a `{ $output }`. A sua carga de dados grava ali { $input }, por exemplo
    `gcloud storage cp new-records.{ $format } { $inbox }$(date +%F)/`.
    Um dia sem arquivos novos não pontua nada. Ligue a agenda depois que uma versão chegar a `{ $environment }`:
    defina `enable_scoring_schedule = true` em `terraform/environments/{ $environment }/terraform.tfvars` e faça o merge.
readme-image-instances = As instâncias de imagem
readme-image-online = requisições online
readme-image-and-inbox = e linhas da caixa de entrada
readme-image-inbox = linhas da caixa de entrada
readme-image-carry =
    trazem a própria imagem, `{ $bytes }`,
    ou um objeto do Cloud Storage, `{ $object }`, que o servidor baixa usando a conta de
    disponibilização (ela lê o bucket de artefatos; conceda a ela o papel Storage Object Viewer em qualquer outro
    bucket). Caminhos como `/gcs/...` são recusados: um contêiner de previsão não tem o Cloud Storage montado.
readme-request-title = Requisições de previsão
readme-request-named =
    O modelo é servido pelo TensorFlow Serving (a imagem pré-construída do Vertex AI `{ $image }`), que recebe cada
    instância como um objeto JSON com uma chave por atributo, com todos os atributos do modelo e nenhuma outra chave:
    um texto para um atributo categórico, um número para um numérico, um valor cada (não uma lista). Uma lista de
    valores por instância é recusada (`instances is a plain list, but expecting list of objects`), assim como um
    valor ausente (`null`).
readme-request-batch =
    A pontuação em lote transforma as linhas da caixa de entrada nesses objetos por conta própria (as colunas de uma
    linha que não são atributos ficam de fora).
    Uma linha sem um valor numérico interrompe a execução nomeando a coluna, antes de o job começar.
readme-request-online = Uma requisição ao endpoint `{ $endpoint }`:
readme-request-response = A resposta, uma entrada por instância:
readme-request-classification = a classe prevista e o seu score (a probabilidade da classe positiva, com duas classes).
readme-request-regression = o valor previsto.
readme-request-local = `sh scripts/local-serve.sh` envia uma requisição assim ao modelo que uma execução local registrou, com as mesmas regras.

## Como funcionam CI, CD e CT

readme-how = Como funcionam a CI, a CD e o CT
readme-ci-when = em todo pull request
readme-ci =
    `ruff` e `pytest` em `src/` e `tests/`,
      `hadolint` nos Dockerfiles, o build das imagens, as especificações de pipeline conferidas com o esquema
      do KFP, `terraform fmt -check` e `validate` de cada configuração raiz, e um `plan` de `{ $environment }`
      (o projeto em que a CI roda; ele não bloqueia nem atualiza o estado).
readme-cd-when = no merge em `{ $branch }`
readme-cd =
    imagens publicadas por digest,
      templates publicados no repositório KFP, `terraform apply` ambiente por ambiente
readme-cd-approval = com uma pessoa aprovando a versão de produção
readme-ct =
    envia o template do pipeline de treinamento que a entrega contínua publicou no
      ambiente (`{ $pipeline }`, tag `{ $tag }`) com os parâmetros abaixo e aguarda o fim da execução.
      Ele é iniciado manualmente
readme-ct-schedule = na agenda `{ $schedule }` ({ $timezone })
readme-ct-marker = quando a carga de dados grava um marcador de lote em `{ $uri }` (passo 5; os demais arquivos do bucket de recepção do ambiente de treinamento não iniciam nada)
readme-ct-message = quando uma mensagem é publicada no tópico do Pub/Sub `{ $topic }` do ambiente de treinamento (publique uma quando a sua carga de dados terminar: nada no kit observa { $source ->
        [bigquery] a tabela do BigQuery
        [cloud_sql] o banco de dados do Cloud SQL
       *[other] a origem
    })
readme-ct-drift = e quando uma deriva de dados é detectada
readme-ct-drift-off = e quando uma deriva de dados é detectada, depois de definido `enable_drift_retraining = true`
readme-ct-caching = O cache fica desligado: toda execução lê dados novos.
readme-ct-never =
    O retreinamento contínuo nunca executa `{ $file }` do repositório: essa especificação compilada
      identifica as imagens pela tag de desenvolvimento `{ $tag }`, que nenhum registro tem; a entrega contínua
      a substitui pelos digests da versão que enviou ao ambiente quando publica o template. Até que uma
      versão chegue a um ambiente (o gatilho de entrega contínua dele foi executado
readme-ct-promoted = ou uma versão foi promovida para ele
readme-ct-stops = o retreinamento contínuo ali para com uma mensagem que explica isso.
readme-ct-undeploy =
    Em { $environments }, a etapa de implantação desfaz a implantação do novo modelo assim que o Vertex AI
      termina de implantá-lo (o contêiner carregou o modelo e respondeu na rota de verificação de integridade):
      só a produção paga por uma réplica permanente.
readme-ct-model-monitoring = Depois de uma execução bem-sucedida, o retreinamento contínuo também cria ou atualiza o job do Model Monitoring do endpoint (veja abaixo).
readme-parameters = Parâmetros do pipeline de treinamento em cada ambiente (o Terraform os passa ao gatilho de retreinamento contínuo):
readme-col-parameter = Parâmetro
readme-col-type = Tipo
readme-param-network = rede `{ $vpc }` de `{ $project }`, identificada pelo número do projeto (o Terraform a define)

## Monitoramento de deriva de dados e retreinamento

readme-drift-title = Monitoramento de deriva de dados e retreinamento
readme-monitoring-online =
    As previsões online são monitoradas pelo Vertex AI Model Monitoring (`pipelines/model_monitoring.json`):
    a cada { $hours } h, em { $rate } das requisições, ele mede a deriva de dados
readme-monitoring-online-skew = e a distorção entre treino e produção
readme-monitoring-online-rest =
    de cada atributo (divergência de Jensen-Shannon para os atributos numéricos, distância
    L-infinito para os categóricos). O endpoint só tem um modelo depois que uma execução de treinamento
    implanta um, então o retreinamento contínuo (`scripts/ct-run.sh`) cria o job depois de cada execução
    bem-sucedida e só o substitui quando os modelos implantados mudam (antes da primeira implantação, ele não
    faz nada). Manualmente:
readme-monitoring-online-no-skew =
    Os dados de treinamento não são uma tabela do BigQuery, então o job só observa a deriva de dados; passe
    `--training-data-uri bq://...` quando uma cópia deles chegar ao BigQuery para medir também a distorção entre treino e produção.
readme-monitoring-batch =
    As previsões em lote são monitoradas por `pipelines/monitoring_pipeline.yaml` a cada
    { $hours } h (a agenda do Vertex AI `{ $schedule }` em `{ $environment }`; veja
    `terraform/modules/platform/schedules.tf`): ele amostra { $rate } das linhas pontuadas nas
    { $hours } h anteriores ao horário agendado da execução (uma execução que começa atrasada ainda lê as
    linhas do seu próprio horário), compara cada atributo com a referência de treinamento guardada ao lado do modelo de produção
    (divergência de Jensen-Shannon para os atributos numéricos, distância L-infinito para os categóricos),
    registra o resultado no BigQuery (`{ $dataset }.drift_results`) e, acima de um limite, grava uma
    entrada `{ $log }` no Cloud Logging.
readme-monitoring-custom =
    Este modelo não é tabular ({ $task ->
        [vision] visão computacional
        [text] processamento de texto
        [forecasting] previsão de séries temporais
       *[other] `{ $task }`
    }), então nem o Vertex AI Model Monitoring nem o pipeline de deriva do kit se aplicam: **o Vertex AI
    Model Monitoring não cobre modelos desse tipo** (ele calcula a distorção e a deriva de dados por atributo
    tabular, e entradas { $kind ->
        [image] de imagem
        [text] de texto
       *[other] do tipo `{ $kind }`
    } não têm nenhum), e o pipeline de deriva do kit compara as mesmas estatísticas
    de atributos. Nada no kit observa a deriva de dados, e nenhum alerta de deriva será emitido, não importa o que
    as respostas digam sobre monitoramento. O que o kit oferece no lugar: um registro das previsões para
    acompanhar a distribuição delas
readme-monitoring-custom-online =
    o endpoint registra { $rate } das requisições e respostas na tabela do BigQuery
    `{ $table }`
readme-monitoring-custom-batch = as previsões em lote ficam na saída em lote
readme-monitoring-custom-rest =
    o critério de avaliação que todo modelo retreinado
    precisa cumprir antes da promoção e os alertas de execuções e builds com falha; acompanhe também o KPI de
    negócio (veja `docs/maturity-report.md` e "Acompanhar um modelo que não é tabular" em `docs/operations.md`).
readme-drift-thresholds = Limites de deriva de dados por atributo:
readme-col-feature = Atributo
readme-col-statistic = Estatística
readme-col-threshold = Limite
readme-feature-kind = { $kind ->
        [numeric] numérico
        [categorical] categórico
       *[other] { $kind }
    }
readme-alerts = Os alertas ({ $drift ->
        [true] de deriva de dados,{" "}
       *[other] {""}
    }de pipelines e de builds com falha) vão para
readme-drift-sink = Um coletor de logs encaminha as entradas de deriva de dados para { $via }:
readme-drift-retrains = a deriva de dados retreina o modelo, e o novo só é promovido se superar o atual.
readme-drift-off =
    Um coletor de logs encaminha as entradas de deriva de dados para o tópico do Pub/Sub `{ $topic }`, mas o
    gatilho de retreinamento contínuo dele está desligado (`enable_drift_retraining = false` em
    `terraform/environments/{ $environment }/terraform.tfvars`) até a equipe confirmar que os alertas de deriva
    são confiáveis; defina `true` e aplique para que a deriva de dados passe a iniciar o retreinamento.
readme-drift-no-source =
    O gatilho de deriva de dados (`{ $topic }`) existe, mas nada no kit gera entradas de deriva para este modelo:
    para usá-lo, grave a partir de um monitoramento próprio entradas de log que correspondam ao filtro do coletor `{ $filter }`.
readme-drift-manual = A deriva de dados não inicia o retreinamento automaticamente
readme-drift-manual-triggers = gatilhos de retreinamento:
readme-trigger-name = { $trigger ->
        [schedule] agenda
        [new_data] novos dados
        [drift] deriva de dados
       *[other] { $trigger }
    }
readme-drift-manual-by-hand = o retreinamento só começa manualmente: veja "Retreinar agora" em `docs/operations.md`
readme-drift-manual-turn-on = para ativá-lo, adicione `drift` a `operations.retraining.triggers` e atualize o kit

## Desenvolvimento, execução local, atualização

readme-developing = Desenvolver o código do pipeline
readme-pins-custom =
    `requirements.txt` (treinamento) e `requirements-serving.txt` (a imagem de serviço própria do kit) fixam a
    mesma versão do { $framework }, então um modelo treinado aqui carrega lá. Mude as duas fixações juntas.
readme-pins-prebuilt =
    `requirements.txt` fixa o { $framework } na versão do ambiente de execução de disponibilização do Vertex AI
    (`{ $image }`), então um modelo treinado aqui carrega lá. Só mude essa fixação junto com a imagem.
readme-local = Executar o pipeline localmente
readme-local-intro =
    Antes de enviar, execute o próprio pipeline compilado (a especificação em `pipelines/`, o mesmo arquivo que
    o Vertex AI executa) com uma amostra dos dados, na sua máquina: sem credenciais do Google Cloud, sem rede.
readme-local-how =
    `scripts/local-run.sh` lê a especificação, executa as tarefas na ordem das dependências com os valores de
    parâmetros que o retreinamento contínuo passa (`pipeline_parameters` do ambiente que retreina com dados reais,
    em `terraform/environments/`; `--env NAME` escolhe outro, `--param NAME=VALUE` substitui um valor), resolve
    cada referência de execução nos comandos, parâmetro de saída, artefato e condição de execução como o Vertex AI faz, e executa o
    comando de cada etapa com este Python em vez do contêiner. `--data` substitui a origem configurada
    (uma tabela do BigQuery é carregada em uma tabela local; arquivos do Cloud Storage são copiados). O Google
    Cloud fica local, sob a pasta de trabalho (`--workdir`, padrão `.local-run`, que deve entrar no `.gitignore`):
    caminhos `gs://` são arquivos na pasta `gcs` dela, tabelas do BigQuery são arquivos Parquet, o Model Registry
    (versões e aliases, para que uma segunda execução seja comparada com a versão `production` da primeira) e o
    endpoint são arquivos JSON, e uma implantação é registrada, não executada. O job de treinamento roda como um
    processo local; a previsão em lote envia as linhas ao código de disponibilização do modelo. Saída típica:
readme-local-summary =
    `summary.json`, na pasta de trabalho, guarda o mesmo conteúdo (`pipeline`, `tasks` com `name`, `status` e
    `seconds`, `metrics`, `promoted`). Um modelo que não atinge o limite é um resultado normal (`promoted: no`,
    código de saída 0); uma tarefa que falha interrompe a execução com o código de saída 1, o nome dela e o fim
    do log (o log de cada tarefa fica na pasta `logs` da pasta de trabalho).
readme-local-release =
    Aqui cada nova versão precisa de aprovação, então uma execução registra só a versão `candidate`;
    `local-run.sh release` executa, na mesma pasta de trabalho, a liberação que o build aprovado executa
    (`--action promote` leva uma liberação canário a 100 %, `--action rollback` a desfaz).
readme-local-scoring =
    `--pipeline scoring --data FILE` coloca as linhas na caixa de entrada do lote como um arquivo que chegou na
    hora anterior (cada execução pontua as horas cheias anteriores à hora agendada, como a agenda diária; uma
    execução local é manual, e o seu horário agendado é o do início, a menos que `--schedule-time TIME`
    indique o horário da agenda que ela representa) e as pontua com a versão `production`
readme-local-scoring-monitoring = ; em seguida, `--pipeline monitoring` as compara com os dados de treinamento
readme-local-serve = `scripts/local-serve.sh` inicia o código de disponibilização do modelo
readme-local-serve-custom = o `ml_pipeline.serve` do kit
readme-local-serve-prebuilt = um substituto local da imagem pré-construída `{ $image }`
readme-local-contract =
    com o modelo registrado, sob o contrato de contêiner do Vertex AI (`AIP_HTTP_PORT`, `AIP_HEALTH_ROUTE`,
    `AIP_PREDICT_ROUTE`, `AIP_STORAGE_URI`), verifica a rota de integridade e envia uma previsão (`--keep`
    o mantém no ar). O que não é emulado: a preparação no Dataflow (`--engine dataflow`) e a exportação do
    Cloud SQL (as linhas são lidas como a exportação as deixaria no Cloud Storage); um job de treinamento com
    vários workers executa só o principal.
readme-upgrading = Atualizar com o mlops-kit
readme-upgrading-intro = O kit continua sendo seu: edite qualquer arquivo. Quando o mlops-kit melhorar, ou as respostas mudarem, atualize o kit:
readme-upgrading-conflicts = `upgrade` termina com o código de saída 3 quando grava marcadores de conflito; resolva-os e depois faça o commit.

## Textos do modelo do kit que o README mostra: os gatilhos do Cloud Build (o texto em inglês também
## é a descrição do gatilho no Terraform) e os parâmetros do pipeline de treinamento

trigger-ci = Verificações dos pull requests: lint, testes, build das imagens, validação dos pipelines, plan do Terraform
trigger-cd-promotion = Versão: apply do Terraform, imagens e templates de pipeline (construídos no primeiro ambiente e depois promovidos por digest)
trigger-cd = Versão: apply do Terraform, imagens e templates de pipeline, construídos a partir do código-fonte
trigger-ct = Retreinamento contínuo: executa o pipeline de treinamento e aguarda o fim
trigger-ct-new-data = Retreinamento contínuo quando chegam novos dados
trigger-ct-drift = Retreinamento contínuo quando o monitoramento de deriva de dados indica uma anomalia
trigger-rollout = Liberação do modelo: publica a versão candidata, ou promove o canário ou volta à versão anterior (`_ACTION`)
trigger-ci-generative = Verificações dos pull requests: lint, testes do kit, build da imagem, validação dos pipelines, plan do Terraform
trigger-ci-evaluation = Pull requests que mudam prompts: as métricas computacionais em uma amostra do conjunto de avaliação, candidato contra produção
trigger-cd-generative = Versão: apply do Terraform, a imagem dos componentes e os templates dos pipelines, os prompts e o critério de avaliação que promove o candidato ou mantém a produção
param-project-id = Projeto em que o pipeline roda
param-region = Região de todos os recursos do Vertex AI
param-artifacts-bucket = Bucket dos conjuntos de dados e dos artefatos do modelo
param-dataset = Conjunto de dados do BigQuery do kit
param-source-uri = De onde os dados de treinamento são extraídos
param-training-service-account = Conta de serviço com que o job de treinamento roda
param-model-display-name = Nome de exibição do modelo no Vertex AI Model Registry
param-metric-threshold = Valor da métrica de avaliação que um novo modelo precisa atingir
param-encryption-key = Chave do Cloud KMS dos recursos do Vertex AI (vazia sem CMEK)
param-network = Rede VPC com que o job de treinamento faz peering (vazia para nenhuma)
param-endpoint-display-name = Nome de exibição do endpoint do Vertex AI
param-serving-service-account = Conta de serviço dos contêineres de disponibilização
param-keep-deployed = Manter implantado o modelo publicado (só em produção); `false` desfaz a implantação assim que ela é verificada, para que o endpoint não mantenha nenhuma réplica
param-canary-traffic-percent = Parcela do tráfego que o novo modelo recebe primeiro
param-scoring-model = Modelo cuja versão `production` pontua
param-batch-input-uri = Caixa de entrada dos novos registros a pontuar (os arquivos gravados ali dentro da janela)
param-batch-output-uri = Onde as previsões em lote são gravadas
param-scoring-service-account = Conta de serviço com que o job de previsão em lote roda
param-scoring-encryption-key = Chave do Cloud KMS do job de previsão em lote (vazia sem CMEK)
param-window-hours = Horas antes da hora agendada da execução cujos arquivos novos são pontuados (um número inteiro)
param-monitoring-model = Modelo cuja referência de treinamento é comparada
param-recent-data-uri = Entradas recentes: a saída da previsão em lote
param-lookback-hours = Horas de entradas recentes, antes do horário agendado da execução, comparadas com a referência (um número inteiro)
param-sampling-rate = Parcela das linhas recentes amostradas (um número em (0, 1])
