# docs/architecture.md e as descrições do modelo do kit que ele mostra (origem dos dados, preparação
# dos dados, entrada em lote, caminhos do retreinamento, por que o kit serve com imagem própria).

## Descrições do modelo do kit

source-bigquery = a tabela do BigQuery de `source_uri`, por jobs na sua localização `{ $location }`
source-cloud-storage = os { $format } do Cloud Storage sob `source_uri`
source-cloud-sql = uma exportação serverless do Cloud SQL (CSV, gravada no bucket de artefatos)
source-landing = o bucket de recepção, para onde são copiadas as exportações de fora do Google Cloud ({ $format })
file-format-parquet = arquivos Parquet
file-format-jsonl = arquivos JSON Lines
file-format-manifest = arquivos listados no manifesto `labels.csv`
file-format-csv = arquivos CSV
preparation-in-container = no próprio contêiner da etapa de extração (8 vCPU, 32 GB): abaixo de 10 GB, uma máquina dá conta.
preparation-bigquery = pelo BigQuery: a etapa de extração só envia uma consulta `EXPORT DATA` que grava Parquet em fragmentos (os arquivos no Cloud Storage são lidos por uma tabela externa), então o trabalho roda onde os dados estão, e não em um contêiner.
preparation-dataflow-tabular = no Dataflow: a etapa de extração inicia um job do Apache Beam (`prepare_beam.py`) que regrava os arquivos Parquet como Parquet em fragmentos, só com as colunas informadas, nos workers gerenciados do Google.
preparation-dataflow-manifest = no Dataflow: a etapa de extração inicia um job do Apache Beam (`prepare_beam.py`) que lê o manifesto `labels.csv` e o grava como Parquet em fragmentos (com os caminhos dos arquivos tornados absolutos) nos workers gerenciados do Google; os arquivos em si ficam onde estão e o treinamento os lê lá.
batch-input-csv = arquivos CSV com uma linha de cabeçalho com as colunas dos atributos
batch-input-image = arquivos JSON Lines, uma imagem por linha: `{ $image }` ou `{ $bytes }`
batch-input-text = arquivos JSON Lines, um texto por linha: `{ $text }`
serving-reason-pytorch = os contêineres pré-construídos de PyTorch só servem arquivos do TorchServe; o servidor próprio do kit carrega o modelo e o seu pré-processamento diretamente
serving-reason-xgboost = o modelo é um pipeline do scikit-learn em torno do XGBoost (imputação e codificação de categorias), que o contêiner pré-construído de XGBoost não consegue carregar
serving-reason-non-tabular = entradas que não são tabulares precisam de pré-processamento antes do modelo, que os contêineres pré-construídos não sabem aplicar
serving-reason-vision = as requisições de imagem trazem os bytes da imagem (base64) ou um URI do Cloud Storage, que o servidor próprio do kit decodifica ou baixa antes de o modelo recebê-los
route-schedule = Agenda
route-new-data = Novos dados
route-drift = Deriva de dados
route-via-workflow = o tópico `{ $topic }`, cujo gatilho do Eventarc inicia o workflow `{ $workflow }`, que aciona o gatilho de retreinamento contínuo `{ $ct }`
route-via-pubsub = o tópico `{ $topic }`, cujo gatilho Pub/Sub do Cloud Build `{ $trigger }` executa `cloudbuild/ct.yaml`
route-via-direct = uma chamada direta ao gatilho de retreinamento contínuo `{ $ct }`
route-event-schedule = o job do Cloud Scheduler `{ $job }` dispara conforme a agenda de retreinamento
route-event-marker = a carga de dados grava um marcador de lote em `{ $uri }`
route-event-message = a carga de dados do cliente publica uma mensagem quando termina
route-event-drift = um coletor de logs capta as entradas de deriva de dados

## docs/architecture.md

arch-title = Arquitetura da carga de trabalho de ML
arch-intro =
    Como os pipelines de treinamento e de monitoramento, o código dos componentes e as imagens se encaixam. A
    plataforma por baixo (projetos, contas de serviço, buckets, repositórios, Cloud Build) está em `terraform/`.
arch-training-pipeline = Pipeline de treinamento
arch-training-spec =
    Uma especificação compilada de pipeline do Vertex AI (KFP v2), `{ $pipeline }`. Cada etapa roda a imagem de
    treinamento (`docker/trainer/Dockerfile`) como `python -m { $package }.<step>`, exceto a que inicia o job de
    treinamento, que usa os Google Cloud Pipeline Components fixados em `{ $gcpc }`.
arch-col-step = Etapa
arch-col-module = Módulo
arch-col-what = O que faz
arch-step-extract = Lê os dados de treinamento (origem: { $source }) e os grava no artefato de conjunto de dados da execução (Parquet)
arch-step-validate = Interrompe a execução se faltarem colunas, houver poucas linhas, rótulos vazios, números não numéricos ou atributos quase sempre vazios; grava as estatísticas de referência
arch-step-train = Um job personalizado do Vertex AI: `{ $machine }`
arch-step-train-accelerator = com { $count } × { $type }
arch-step-train-replicas = { $count ->
    [one] { $count } máquina
   *[other] { $count } máquinas
}
arch-step-train-workers = (um principal e { $count } workers)
arch-step-evaluate = Pontua o modelo novo e o modelo em produção (alias `production`) nas mesmas linhas de avaliação e registra a execução (parâmetros de treinamento, os dois valores da métrica) no experimento do Vertex AI `{ $experiment }`
arch-step-condition = Só continua se `{ $metric }` { $op } o parâmetro `metric_threshold` e, depois, só se o modelo novo superar o de produção
arch-step-register = Envia uma nova versão de `{ $model }` ao registro de modelos com a imagem de serviço e o alias `candidate`
arch-step-deploy = Implanta a versão no endpoint `{ $endpoint }`
arch-step-deploy-canary = com { $percent } % do tráfego (liberação canário)
arch-step-deploy-all = com todo o tráfego
arch-step-deploy-rest = em 100 %, desfaz a implantação da versão antiga e move o alias `production`
arch-step-promote = Move o alias `production` para a versão, que o pipeline de previsão em lote passa a usar na sua próxima execução
arch-caching = O cache está desativado em todas as etapas: uma execução de retreinamento precisa ler dados novos.
arch-sizing = Dimensionamento pelo volume de dados
arch-sizing-volume = O volume informado é `{ $volume }`, então os dados são preparados { $preparation }
arch-dataflow-workers = Os workers rodam como `{ $account }`
arch-dataflow-cmek =
    o estado e os dados de
    shuffle do job são criptografados com a chave do Cloud KMS do ambiente (`dataflow_kms_key`)
arch-dataflow-subnetwork =
    e
    eles não têm IP público: rodam na sub-rede `{ $subnetwork }`, que precisa existir em
    `{ $region }` com o Private Google Access (edite `--dataflow-subnetwork` na especificação do pipeline se a sua tiver outro nome)
arch-dataflow-agents =
    O módulo da plataforma concede aos agentes de serviço do Dataflow e do Compute
    Engine do projeto `roles/cloudkms.cryptoKeyEncrypterDecrypter` nessa chave (`scripts/create-service-agents.sh` cria
    o agente do Dataflow antes da primeira aplicação).
arch-dataflow-shared-vpc =
    Na VPC compartilhada, o bootstrap
    (`terraform/bootstrap/access.tf`) concede à conta dos workers e ao agente de serviço do Dataflow do projeto
    `roles/compute.networkUser` no projeto host.
arch-training-runs = O treinamento roda em `{ $machine }`
arch-training-workers =
    com
    { $count } workers extras (o { $framework } distribui o trabalho entre eles)
arch-outgrow =
    Um cliente que não cabe mais em uma máquina passa para esses mecanismos gerenciados mudando o volume informado e
    atualizando o kit, e não construindo um contêiner maior.
arch-retraining = Retreinamento automático
arch-retraining-intro =
    Cada retreinamento automático aciona o mesmo gatilho de retreinamento contínuo que uma pessoa aciona (`cloudbuild/ct.yaml`), em
    `{ $environment }`
arch-retraining-perimeter =
    Dentro do perímetro de serviço do VPC Service Controls o Cloud Build não pode ser iniciado pelo
    Pub/Sub, então todo caminho passa pelo Eventarc e pelo Workflows
arch-retraining-route = { $event }; o caminho até o retreinamento contínuo é { $via }.
arch-scoring-pipeline = Pipeline de previsão em lote
arch-scoring =
    Uma etapa, `batch-predict` (`batch_predict.py`), executada todo dia pela agenda `{ $schedule }`: ela lista os
    arquivos de `batch_input_uri` ({ $input }) criados nas `window_hours` anteriores à hora do
    horário agendado da execução (o `pipeline_job_schedule_time_utc` da Vertex AI; numa execução manual, o horário de criação), pontua esses arquivos com a versão `production` de `{ $model }` em um job de previsão em lote do Vertex AI que roda como
    `{ $account }` e
arch-scoring-bigquery = anexa as previsões, marcadas com `scored_at`, a
arch-scoring-files = grava uma pasta de previsões por job em
arch-serving = Disponibilização do modelo
arch-serving-custom =
    O modelo é servido pela imagem própria do kit (`docker/serving/Dockerfile`, `serve.py`) porque
    { $reason }. Ela segue o contrato de contêiner personalizado do Vertex AI:
    escuta em `AIP_HTTP_PORT`, responde a `AIP_HEALTH_ROUTE` com 200 só depois de carregar o modelo,
    responde a `AIP_PREDICT_ROUTE` (`{ $request }` na entrada, `{ $response }` na saída) e baixa
    o modelo de `AIP_STORAGE_URI`.
arch-serving-prebuilt =
    O modelo é servido pela imagem pré-construída do Vertex AI `{ $image }`. O Vertex só aceita
    a tag `latest` das suas imagens de previsão pré-construídas, então essa referência não pode ser fixada; a
    versão do framework faz parte do nome da imagem e o `requirements.txt` fixa a mesma versão para o treinamento.
arch-images = Imagens
arch-col-image = Imagem
arch-col-built-from = Construída a partir de
arch-col-referenced-by = Usada por
arch-image-trainer-users = todas as etapas das especificações de pipeline
arch-image-serving-users = as versões registradas do modelo
arch-image-prebuilt = Google (pré-construída)
arch-image-mirrored = copiada pela entrega contínua de `{ $source }` do Google (fora do perímetro), fixada por digest
arch-image-google = Google (versão fixada)
arch-image-gcpc-users = o iniciador do job de treinamento
arch-dockerfiles-both =
    Os dois Dockerfiles partem de `{ $image }` (tag e digest), instalam requisitos
    fixados em uma etapa de build e rodam como o usuário numérico não root 10001.
arch-dockerfiles-one =
    O Dockerfile parte de `{ $image }` (tag e digest), instala requisitos
    fixados em uma etapa de build e roda como o usuário numérico não root 10001.
